import { TRPCError } from "@trpc/server";
import type { Auth } from "../../trpc/context.ts";

/**
 * What a user of a company that requires two-factor may do before enrolling: enrol, log out, and
 * their own account (verifying the email first, when the company also asks for that).
 */
const ALLOWED_BEFORE_ENROLMENT = ["twoFactor.", "auth.logOut", "auth.me", "account."];

/**
 * A company that requires two-factor authentication lets its users without it do nothing but
 * enrol (and log out): every other procedure is refused, by session or API key alike.
 */
export function refuseUntilEnrolled(auth: Auth, path: string): void {
  if (!auth.company.requireTwoFactor || auth.user.twoFactorEnabled) return;
  if (ALLOWED_BEFORE_ENROLMENT.some((prefix) => path.startsWith(prefix))) return;
  throw new TRPCError({
    code: "FORBIDDEN",
    message: "your company requires two-factor authentication: turn it on in your account first",
  });
}
