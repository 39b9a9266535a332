// Password reset, email verification and the emails they send: shared by the api (which issues
// tokens and queues the emails), the worker (which writes and sends them) and the web.

import { z } from "zod";
import { emailSchema, passwordSchema } from "./accounts.ts";

/** How long a password-reset link works; it also works only once. */
export const PASSWORD_RESET_LIFETIME_MS = 30 * 60_000;
/** How long a verification link (sign-up or email change) works. */
export const EMAIL_VERIFICATION_LIFETIME_MS = 24 * 3_600_000;

/**
 * What a company lets accounts with an unverified email address do: `full` everything,
 * `read_only` only queries, `none` nothing but their own account (verify, resend, log out).
 */
export const unverifiedAccessSchema = z.enum(["full", "read_only", "none"]);
export type UnverifiedAccess = z.infer<typeof unverifiedAccessSchema>;

/** The secret half of an emailed link: base32 of 160 random bits, never stored in clear. */
export const accountTokenSchema = z
  .string()
  .trim()
  .regex(/^[a-z2-7]{16,64}$/, "is not a link token: copy the whole link from the email");

export const requestPasswordResetInputSchema = z.object({ email: emailSchema });
export const resetPasswordInputSchema = z.object({ token: accountTokenSchema, newPassword: passwordSchema });
export const verifyEmailInputSchema = z.object({ token: accountTokenSchema });
export const changeEmailInputSchema = z.object({
  newEmail: emailSchema,
  currentPassword: z.string().min(1, "is required").max(256),
});

/** Where the web app opens each link (the worker builds `${APP_URL}${path}?token=…`). */
export const ACCOUNT_LINK_PATHS = {
  password_reset: "/reset-password",
  verify_email: "/verify-email",
  change_email: "/verify-email",
} as const;

/**
 * The payload of an account email job (send_email): who gets it and what it says. Links carry the
 * token in clear only here, in the queue, until the job ran (graphile-worker deletes done jobs).
 */
export const accountEmailSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.enum(["password_reset", "verify_email", "change_email"]),
    to: z.string(),
    name: z.string(),
    token: z.string(),
  }),
  /** To the old address once a change took effect: not a link, a warning. */
  z.object({ kind: z.literal("email_changed"), to: z.string(), name: z.string(), newEmail: z.string() }),
]);
export type AccountEmail = z.infer<typeof accountEmailSchema>;
