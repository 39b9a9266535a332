// Single-use emailed links (password reset, sign-up verification, change of address): the token
// goes out in the email, only its hash is stored, and using it marks it used in the same
// statement that finds it, so two clicks cannot both succeed.

import { EMAIL_VERIFICATION_LIFETIME_MS, PASSWORD_RESET_LIFETIME_MS } from "@ampflux/contracts";
import { accountTokens, type Executor, enqueueAccountEmail } from "@ampflux/db";
import { TRPCError } from "@trpc/server";
import { and, eq, gt, inArray, isNull } from "drizzle-orm";
import { generateSecretToken, hashToken } from "./tokens.ts";

export type AccountTokenPurpose = (typeof accountTokens.$inferSelect)["purpose"];

const LIFETIME_MS: Record<AccountTokenPurpose, number> = {
  password_reset: PASSWORD_RESET_LIFETIME_MS,
  verify_email: EMAIL_VERIFICATION_LIFETIME_MS,
  change_email: EMAIL_VERIFICATION_LIFETIME_MS,
};

interface Recipient {
  id: string;
  email: string;
  name: string;
}

/**
 * Issues a link for `purpose` and queues its email (to `sendTo`, the user's address unless a
 * change names the new one). Earlier unused links of the same purpose stop working: only the
 * newest email counts. Call it in the transaction that decides to send.
 */
export async function issueAccountToken(
  tx: Executor,
  user: Recipient,
  purpose: AccountTokenPurpose,
  sendTo: string = user.email,
): Promise<void> {
  await revokeAccountTokens(tx, user.id, [purpose]);
  const token = generateSecretToken();
  await tx.insert(accountTokens).values({
    userId: user.id,
    purpose,
    tokenHash: hashToken(token),
    email: sendTo,
    expiresAt: new Date(Date.now() + LIFETIME_MS[purpose]),
  });
  await enqueueAccountEmail(tx, { kind: purpose, to: sendTo, name: user.name, token });
}

/** Unused links of these purposes stop working (a newer one was sent, or the address changed). */
export async function revokeAccountTokens(
  tx: Executor,
  userId: string,
  purposes: AccountTokenPurpose[],
): Promise<void> {
  await tx
    .delete(accountTokens)
    .where(
      and(
        eq(accountTokens.userId, userId),
        inArray(accountTokens.purpose, purposes),
        isNull(accountTokens.usedAt),
      ),
    );
}

/**
 * Marks the link used and returns it, or refuses it when it is unknown, of another purpose,
 * used or expired (one answer for all: a guesser learns nothing). Rolled back with the caller's
 * transaction when a later check fails, so a refused change leaves the link usable.
 */
export async function consumeAccountToken(
  tx: Executor,
  token: string,
  purposes: AccountTokenPurpose[],
): Promise<typeof accountTokens.$inferSelect> {
  const [row] = await tx
    .update(accountTokens)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(accountTokens.tokenHash, hashToken(token)),
        inArray(accountTokens.purpose, purposes),
        isNull(accountTokens.usedAt),
        gt(accountTokens.expiresAt, new Date()),
      ),
    )
    .returning();
  if (!row) throw invalidLink();
  return row;
}

export const invalidLink = () =>
  new TRPCError({
    code: "BAD_REQUEST",
    message: "the link is invalid, already used or expired: ask for a new one",
  });
