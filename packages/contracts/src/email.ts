// Email settings the worker (which sends) and the api (whose health probes the server) share.

import { z } from "zod";
import { portSchema } from "./settings.ts";

/** Spread into an app's settings object; parse it refined with `requireSmtpWhenEnabled`. */
export const emailSettingsShape = {
  /** Off: notifications stay in the app only. */
  EMAIL_ENABLED: z.stringbool().default(false),
  SMTP_HOST: z.string().optional(),
  SMTP_PORT: portSchema.default(587),
  /** true: TLS from the first byte (usually port 465); false: STARTTLS when the server offers it. */
  SMTP_SECURE: z.stringbool().default(false),
  /** Unset: the server is used without authentication. */
  SMTP_USER: z.string().optional(),
  SMTP_PASSWORD: z.string().optional(),
  /** The sender, e.g. `AmpFlux <noreply@example.com>`. */
  SMTP_FROM: z.string().optional(),
};

export type EmailSettings = z.infer<z.ZodObject<typeof emailSettingsShape>>;

/** Enabling email needs a server and a sender; each missing one is named. */
export function requireSmtpWhenEnabled(settings: EmailSettings, ctx: z.RefinementCtx): void {
  if (!settings.EMAIL_ENABLED) return;
  for (const key of ["SMTP_HOST", "SMTP_FROM"] as const) {
    if (!settings[key])
      ctx.addIssue({ code: "custom", path: [key], message: "is required when EMAIL_ENABLED" });
  }
}

/** nodemailer SMTP transport options for these settings; `timeoutMs` bounds each stage of a session. */
export function smtpTransportOptions(settings: EmailSettings, timeoutMs?: number) {
  return {
    host: settings.SMTP_HOST,
    port: settings.SMTP_PORT,
    secure: settings.SMTP_SECURE,
    auth: settings.SMTP_USER ? { user: settings.SMTP_USER, pass: settings.SMTP_PASSWORD } : undefined,
    ...(timeoutMs && { connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs }),
  };
}
