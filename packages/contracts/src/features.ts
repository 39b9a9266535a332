// Feature flags: defaults in settings (FEATURE_*), a company admin may turn each off or on again
// within what the company's licence allows (docs/operations.md#feature-flags).

import { z } from "zod";

export const FEATURE_FLAGS = [
  "ai_assistant",
  "batch_studies",
  "email_notifications",
  "realtime_collaboration",
] as const;
export const featureFlagSchema = z.enum(FEATURE_FLAGS);
export type FeatureFlag = z.infer<typeof featureFlagSchema>;
export type FeatureDefaults = Record<FeatureFlag, boolean>;

/** Spread into an app's settings object; `featureDefaults(settings)` reads them back. */
export const featureSettingsShape = {
  FEATURE_AI_ASSISTANT: z.stringbool().default(true),
  FEATURE_BATCH_STUDIES: z.stringbool().default(true),
  FEATURE_EMAIL_NOTIFICATIONS: z.stringbool().default(true),
  FEATURE_REALTIME_COLLABORATION: z.stringbool().default(true),
};

type FeatureSettings = z.infer<z.ZodObject<typeof featureSettingsShape>>;

export const featureDefaults = (settings: FeatureSettings): FeatureDefaults => ({
  ai_assistant: settings.FEATURE_AI_ASSISTANT,
  batch_studies: settings.FEATURE_BATCH_STUDIES,
  email_notifications: settings.FEATURE_EMAIL_NOTIFICATIONS,
  realtime_collaboration: settings.FEATURE_REALTIME_COLLABORATION,
});

/** One flag for one company: on only when licensed and (the company's choice, else the default). */
export interface FeatureState {
  flag: FeatureFlag;
  enabled: boolean;
  /** The deployment's default (settings). */
  default: boolean;
  /** What the licence allows; an unlicensed flag is off whatever the company chooses. */
  licensed: boolean;
  /** The company admin's choice; null follows the default. */
  override: boolean | null;
}
