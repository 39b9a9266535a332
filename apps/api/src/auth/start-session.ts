import type { Context } from "../trpc/context.ts";
import { createSession } from "./sessions.ts";

/** A new session for the user, its cookie set on the answer. */
export async function startSession(ctx: Context, userId: string): Promise<void> {
  const { token, expiresAt } = await createSession(ctx.deps.database.db, userId, ctx.client);
  ctx.setSessionCookie(token, expiresAt);
}
