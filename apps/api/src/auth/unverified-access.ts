import { TRPCError } from "@trpc/server";
import type { Auth } from "../trpc/context.ts";

/**
 * Routers an unverified account may always use: its own account (verify, resend the link, change
 * the address, sessions, log out). Without them a user could never leave the unverified state.
 */
const OWN_ACCOUNT_ROUTERS = ["auth.", "account."];
/** Their own second factor too (not the company's requirement, an admin setting). */
const OWN_ACCOUNT_PROCEDURES = new Set([
  "twoFactor.status",
  "twoFactor.beginEnrolment",
  "twoFactor.confirmEnrolment",
  "twoFactor.regenerateRecoveryCodes",
  "twoFactor.disable",
]);

const REFUSAL = {
  read_only: "your company lets accounts with an unverified email address only read",
  none: "your company lets accounts with an unverified email address do nothing",
} as const;

/**
 * Applies the company's `unverified_access` to a caller whose email is not verified: `full`
 * allows everything, `read_only` refuses mutations, `none` refuses everything but their own account.
 */
export function enforceUnverifiedAccess(auth: Auth, path: string, type: string): void {
  if (auth.user.emailVerifiedAt) return;
  const access = auth.company.unverifiedAccess;
  if (access === "full" || OWN_ACCOUNT_PROCEDURES.has(path)) return;
  if (OWN_ACCOUNT_ROUTERS.some((prefix) => path.startsWith(prefix))) return;
  if (access === "read_only" && type !== "mutation") return;
  throw new TRPCError({
    code: "FORBIDDEN",
    message: `${REFUSAL[access]}: open the link we emailed to ${auth.user.email}, or send a new one from your account page`,
  });
}
