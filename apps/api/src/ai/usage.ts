// Tokens spent on the assistant, per company and calendar month (UTC), against the license.

import { aiUsage, type Executor } from "@ampflux/db";
import { TRPCError } from "@trpc/server";
import { and, eq, gte, sql } from "drizzle-orm";
import { activeLicense } from "../licenses.ts";

export interface UsageRow {
  companyId: string;
  userId: string;
  projectId: string;
  model: string;
  promptTokens: number;
  completionTokens: number;
  cached: boolean;
}

const monthStart = (now = new Date()) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));

async function tokensUsedThisMonth(db: Executor, companyId: string): Promise<number> {
  const [row] = await db
    .select({
      used: sql<number>`coalesce(sum(${aiUsage.promptTokens} + ${aiUsage.completionTokens}), 0)::int`,
    })
    .from(aiUsage)
    .where(and(eq(aiUsage.companyId, companyId), gte(aiUsage.createdAt, monthStart())));
  return row?.used ?? 0;
}

/**
 * Refuses a question once the month's tokens reached the license's aiTokensPerMonth. Checked
 * before the model is called, so the question that crosses the budget is still answered in full.
 */
export async function enforceMonthlyBudget(db: Executor, companyId: string): Promise<void> {
  const [license, used] = await Promise.all([
    activeLicense(db, companyId),
    tokensUsedThisMonth(db, companyId),
  ]);
  if (used >= license.aiTokensPerMonth) {
    throw new TRPCError({ code: "FORBIDDEN", message: "monthly assistant token budget reached" });
  }
}

export async function recordUsage(db: Executor, row: UsageRow): Promise<void> {
  await db.insert(aiUsage).values(row);
}
