import { z } from "zod";

/** RFC 6238 as every authenticator app does it: SHA-1, 30-second steps, 6 digits. */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
export const RECOVERY_CODE_COUNT = 10;

/** A 6-digit code; spaces (as apps show "123 456") are dropped. */
export const totpCodeSchema = z
  .string()
  .transform((value) => value.replace(/\s+/g, ""))
  .pipe(z.string().regex(/^\d{6}$/, "must be the 6-digit code from your authenticator app"));

/** A recovery code as shown (6 groups of 4 base32 characters); case, spaces and dashes do not matter. */
export const recoveryCodeSchema = z
  .string()
  .transform((value) => value.replace(/[\s-]+/g, "").toLowerCase())
  .pipe(z.string().regex(/^[a-z2-7]{24}$/, "must be one of your 24-character recovery codes"));

/** The second step of a log-in: the challenge logIn returned and one of the two factors. */
export const verifyTwoFactorInputSchema = z
  .object({
    challenge: z.string().min(1, "is required").max(200),
    code: totpCodeSchema.optional(),
    recoveryCode: recoveryCodeSchema.optional(),
  })
  .refine((v) => (v.code === undefined) !== (v.recoveryCode === undefined), {
    message: "give either code (from your authenticator app) or recoveryCode, not both",
    path: ["code"],
  });

/** What logIn answers when the password was right and a second factor is needed. */
export interface TwoFactorRequired {
  twoFactorRequired: true;
  /** Short-lived and single-use: pass it to auth.verifyTwoFactor. */
  challenge: string;
}
