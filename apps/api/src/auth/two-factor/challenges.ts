import { type Database, twoFactorChallenges } from "@ampflux/db";
import { TRPCError } from "@trpc/server";
import { and, eq, gt, lt } from "drizzle-orm";
import { generateSecretToken, hashToken } from "../tokens.ts";

/** Time to open the app and type a code; after it the password must be entered again. */
export const CHALLENGE_LIFETIME_MS = 5 * 60_000;

/** A pending log-in after a right password; returns the token (stored only as its hash). */
export async function createLoginChallenge(db: Database, userId: string): Promise<string> {
  const token = generateSecretToken();
  // Expired challenges of anyone go with each new one: the table stays small without a job.
  await db.delete(twoFactorChallenges).where(lt(twoFactorChallenges.expiresAt, new Date()));
  await db
    .insert(twoFactorChallenges)
    .values({ id: hashToken(token), userId, expiresAt: new Date(Date.now() + CHALLENGE_LIFETIME_MS) });
  return token;
}

const expired = () =>
  new TRPCError({
    code: "UNAUTHORIZED",
    message: "challenge: this log-in has expired or was used: enter your email and password again",
  });

/** The user a live challenge belongs to; UNAUTHORIZED when unknown, used or expired. */
export async function challengeUser(db: Database, token: string): Promise<string> {
  const [row] = await db
    .select({ userId: twoFactorChallenges.userId })
    .from(twoFactorChallenges)
    .where(and(eq(twoFactorChallenges.id, hashToken(token)), gt(twoFactorChallenges.expiresAt, new Date())));
  if (!row) throw expired();
  return row.userId;
}

/** Uses the challenge up: of two requests racing with it, one gets it, the other UNAUTHORIZED. */
export async function consumeLoginChallenge(db: Database, token: string): Promise<void> {
  const deleted = await db
    .delete(twoFactorChallenges)
    .where(and(eq(twoFactorChallenges.id, hashToken(token)), gt(twoFactorChallenges.expiresAt, new Date())))
    .returning({ id: twoFactorChallenges.id });
  if (deleted.length === 0) throw expired();
}
