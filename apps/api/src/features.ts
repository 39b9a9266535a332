import { type FeatureFlag, featureDefaults } from "@ampflux/contracts";
import { companyFeatures } from "@ampflux/db";
import { TRPCError } from "@trpc/server";
import type { ApiDeps } from "./deps.ts";

/** Each feature as the subject of the refusal message. */
const SUBJECTS: Record<FeatureFlag, string> = {
  ai_assistant: "the assistant is",
  batch_studies: "batch studies are",
  email_notifications: "email notifications are",
  realtime_collaboration: "live collaboration is",
};

/** The company's flags in force: settings' defaults, the licence, the company admin's choices. */
export function featuresOf(deps: ApiDeps, companyId: string) {
  return companyFeatures(deps.database.db, companyId, featureDefaults(deps.settings));
}

/** FORBIDDEN naming the feature and why, when it is off for the caller's company. */
export async function requireFeature(
  ctx: { deps: ApiDeps; user: { companyId: string } },
  flag: FeatureFlag,
): Promise<void> {
  const state = (await featuresOf(ctx.deps, ctx.user.companyId)).find((s) => s.flag === flag);
  if (state?.enabled) return;
  const why = state?.licensed ? "turned off for your company" : "not included in your licence";
  throw new TRPCError({ code: "FORBIDDEN", message: `${SUBJECTS[flag]} ${why}` });
}
