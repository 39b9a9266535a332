import {
  type AssistantAnswer,
  type AssistantStreamEvent,
  assistantAskSchema,
  pageInputSchema,
} from "@ampflux/contracts";
import { aiConversations, aiMessages, users } from "@ampflux/db";
import { desc, eq } from "drizzle-orm";
import { z } from "zod";
import { answerQuestion } from "../ai/assistant.ts";
import { loadConversation } from "../ai/conversations.ts";
import { streamFailure } from "../ai/stream-errors.ts";
import { requireFeature } from "../features.ts";
import { router } from "../trpc/init.ts";
import { heavyWork, projectProcedure } from "../trpc/procedures.ts";

/** Project viewers and up, while the ai_assistant feature is on for the company. */
const assistantProcedure = projectProcedure("viewer").use(async ({ ctx, next }) => {
  await requireFeature(ctx, "ai_assistant");
  return next();
});
/** Questions to the model: heavy work, within the heavy limits (docs/limits.md). */
const askProcedure = assistantProcedure.use(heavyWork("assistant"));

/**
 * The project's assistant (docs/assistant.md). Viewers may ask: questions change no network, and
 * the tools keep the asker's rights (a viewer's assistant cannot run a study).
 */
export const aiRouter = router({
  /** Answers a question about the project, in a new conversation or continuing one. */
  ask: askProcedure.input(assistantAskSchema).mutation(async ({ ctx, input, signal }) => {
    const answering = answerQuestion(ctx, input, { stream: false, signal });
    let step = await answering.next();
    while (!step.done) step = await answering.next();
    return step.value;
  }),

  /** As `ask`, over SSE: the answer's text as it arrives, then the whole answer. */
  askStream: askProcedure.input(assistantAskSchema).subscription(async function* ({
    ctx,
    input,
    signal,
  }): AsyncGenerator<AssistantStreamEvent> {
    const answering = answerQuestion(ctx, input, { stream: true, signal });
    try {
      let step = await answering.next();
      while (!step.done) {
        yield { type: "token", text: step.value };
        step = await answering.next();
      }
      const done: AssistantAnswer = step.value;
      yield { type: "done", ...done };
    } catch (error) {
      yield streamFailure(error, ctx.deps.log, ctx.requestId);
    }
  }),

  conversations: router({
    /** The project's conversations, most recently active first. */
    list: assistantProcedure.input(pageInputSchema).query(({ ctx, input }) =>
      ctx.deps.database.db
        .select({
          id: aiConversations.id,
          title: aiConversations.title,
          createdBy: aiConversations.createdBy,
          createdByName: users.name,
          createdAt: aiConversations.createdAt,
          updatedAt: aiConversations.updatedAt,
        })
        .from(aiConversations)
        .leftJoin(users, eq(users.id, aiConversations.createdBy))
        .where(eq(aiConversations.projectId, ctx.project.id))
        .orderBy(desc(aiConversations.updatedAt))
        .limit(input.limit)
        .offset(input.offset),
    ),

    /** One conversation with every message, tool rounds included, oldest first. */
    get: assistantProcedure.input(z.object({ conversationId: z.uuid() })).query(async ({ ctx, input }) => {
      const db = ctx.deps.database.db;
      const conversation = await loadConversation(db, ctx.project.id, input.conversationId);
      const messages = await db
        .select({
          id: aiMessages.id,
          role: aiMessages.role,
          content: aiMessages.content,
          toolCalls: aiMessages.toolCalls,
          tokens: aiMessages.tokens,
          createdAt: aiMessages.createdAt,
        })
        .from(aiMessages)
        .where(eq(aiMessages.conversationId, conversation.id))
        .orderBy(aiMessages.id);
      return { ...conversation, messages };
    }),
  }),
});
