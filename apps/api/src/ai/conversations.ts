// Conversations as stored: the question, each tool round (the model's calls, then one row per
// call with its result) and the answer. Only questions and answers are sent back as history.

import type { AssistantToolCall } from "@ampflux/contracts";
import { aiConversations, aiMessages, type Executor } from "@ampflux/db";
import { TRPCError } from "@trpc/server";
import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import type { ChatCompletionMessageParam } from "openai/resources/chat/completions";
import { estimateTokens } from "./context.ts";

const TITLE_LENGTH = 80;

export interface ToolRound {
  /** Text the model wrote alongside its calls (usually none). */
  content: string;
  completionTokens: number;
  calls: Array<AssistantToolCall & { result: string }>;
}

export interface Exchange {
  conversationId: string | undefined;
  projectId: string;
  userId: string;
  prompt: string;
  rounds: ToolRound[];
  answer: string;
  answerTokens: number;
}

export async function loadConversation(db: Executor, projectId: string, conversationId: string) {
  const [row] = await db
    .select()
    .from(aiConversations)
    .where(and(eq(aiConversations.id, conversationId), eq(aiConversations.projectId, projectId)));
  if (!row) throw new TRPCError({ code: "NOT_FOUND", message: "conversation not found" });
  return row;
}

/** Earlier questions and answers, oldest first, as many of the newest as fit the budget. */
export async function conversationHistory(
  db: Executor,
  conversationId: string,
  budgetTokens: number,
): Promise<ChatCompletionMessageParam[]> {
  const rows = await db
    .select({ role: aiMessages.role, content: aiMessages.content })
    .from(aiMessages)
    .where(
      and(
        eq(aiMessages.conversationId, conversationId),
        inArray(aiMessages.role, ["user", "assistant"]),
        isNull(aiMessages.toolCalls),
      ),
    )
    .orderBy(desc(aiMessages.id));
  const kept: ChatCompletionMessageParam[] = [];
  let room = budgetTokens;
  for (const { role, content } of rows) {
    room -= estimateTokens(content);
    if (room < 0) break;
    kept.unshift({ role: role as "user" | "assistant", content });
  }
  // History starts with a question, as the model expects.
  return kept[0]?.role === "assistant" ? kept.slice(1) : kept;
}

/** Stores one exchange (in a new conversation when none is given); returns the conversation id. */
export async function saveExchange(tx: Executor, exchange: Exchange): Promise<string> {
  let conversationId = exchange.conversationId;
  if (conversationId) {
    await tx
      .update(aiConversations)
      .set({ updatedAt: new Date() })
      .where(eq(aiConversations.id, conversationId));
  } else {
    const [created] = await tx
      .insert(aiConversations)
      .values({
        projectId: exchange.projectId,
        createdBy: exchange.userId,
        title: exchange.prompt.slice(0, TITLE_LENGTH),
      })
      .returning({ id: aiConversations.id });
    if (!created) throw new Error("conversation insert returned nothing");
    conversationId = created.id;
  }
  const rows: Array<typeof aiMessages.$inferInsert> = [
    { conversationId, role: "user", content: exchange.prompt, tokens: estimateTokens(exchange.prompt) },
  ];
  for (const round of exchange.rounds) {
    const calls = round.calls.map(({ result: _, ...call }) => call);
    rows.push({
      conversationId,
      role: "assistant",
      content: round.content,
      toolCalls: calls,
      tokens: round.completionTokens,
    });
    for (const { result, ...call } of round.calls) {
      rows.push({
        conversationId,
        role: "tool",
        content: result,
        toolCalls: [call],
        tokens: estimateTokens(result),
      });
    }
  }
  rows.push({ conversationId, role: "assistant", content: exchange.answer, tokens: exchange.answerTokens });
  await tx.insert(aiMessages).values(rows);
  return conversationId;
}
