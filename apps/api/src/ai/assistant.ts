// Answering one question: limits, context, cache, then up to MAX_TOOL_ROUNDS rounds of tool
// calls before the answer; the exchange and its usage are stored together.
// A generator, so `ask` and `askStream` share it: streamed text is yielded, the answer returned.

import type { AssistantAnswer, AssistantAsk, AssistantToolCall } from "@ampflux/contracts";
import { TRPCError } from "@trpc/server";
import type OpenAI from "openai";
import type { ChatCompletionMessageParam } from "openai/resources/chat/completions";
import { recordAudit } from "../audit.ts";
import { answerCacheKey, readCachedAnswer, writeCachedAnswer } from "./answer-cache.ts";
import { buildContext } from "./context.ts";
import { conversationHistory, loadConversation, saveExchange, type ToolRound } from "./conversations.ts";
import { callModel, type ModelTurn } from "./model.ts";
import type { ProjectCtx } from "./project-ctx.ts";
import { loadProjectData, type ProjectData } from "./project-data.ts";
import { enforceAssistantRateLimit } from "./rate-limit.ts";
import { SYSTEM_PROMPT } from "./system-prompt.ts";
import { runTool } from "./tools.ts";
import { enforceMonthlyBudget, recordUsage } from "./usage.ts";

const MAX_TOOL_ROUNDS = 4;

export interface AskOptions {
  stream: boolean;
  signal: AbortSignal | undefined;
}

interface Tokens {
  prompt: number;
  completion: number;
}

interface Outcome {
  answer: string;
  answerTokens: number;
  rounds: ToolRound[];
}

export function requireAssistant(ctx: ProjectCtx): OpenAI {
  if (!ctx.deps.assistant) {
    throw new TRPCError({
      code: "PRECONDITION_FAILED",
      message: "the assistant is not configured (set OPENAI_API_KEY)",
    });
  }
  return ctx.deps.assistant;
}

/** The model's calls, yielding streamed text with a blank line between the rounds' texts. */
async function* separated(call: AsyncGenerator<string, ModelTurn>, before: string) {
  let step = await call.next();
  if (!step.done && before) yield before;
  while (!step.done) {
    yield step.value;
    step = await call.next();
  }
  return step.value;
}

/** The model answers, calling tools on the way; `tokens` adds up what each call spent. */
async function* converse(
  ctx: ProjectCtx,
  client: OpenAI,
  data: ProjectData,
  messages: ChatCompletionMessageParam[],
  tokens: Tokens,
  options: AskOptions,
): AsyncGenerator<string, Outcome> {
  const rounds: ToolRound[] = [];
  let answer = "";
  for (let round = 0; ; round++) {
    const tools = round < MAX_TOOL_ROUNDS;
    const call = callModel(client, ctx.deps, messages, { ...options, tools, requestId: ctx.requestId });
    const turn = yield* separated(call, answer ? "\n\n" : "");
    tokens.prompt += turn.promptTokens;
    tokens.completion += turn.completionTokens;
    const content = turn.message.content ?? "";
    answer += answer && content ? `\n\n${content}` : content;
    const calls = (turn.message.tool_calls ?? []).filter((c) => c.type === "function");
    if (!tools || calls.length === 0) return { answer, answerTokens: turn.completionTokens, rounds };
    messages.push({ role: "assistant", content: turn.message.content, tool_calls: calls });
    const done: ToolRound["calls"] = [];
    for (const { id, function: fn } of calls) {
      const outcome = await runTool(ctx, data.version, fn.name, fn.arguments);
      messages.push({ role: "tool", tool_call_id: id, content: outcome.content });
      done.push({
        id,
        name: fn.name,
        arguments: fn.arguments,
        ...(outcome.error && { error: outcome.error }),
        result: outcome.content,
      });
    }
    rounds.push({ content, completionTokens: turn.completionTokens, calls: done });
  }
}

export async function* answerQuestion(
  ctx: ProjectCtx,
  input: AssistantAsk,
  options: AskOptions,
): AsyncGenerator<string, AssistantAnswer> {
  const client = requireAssistant(ctx);
  await enforceAssistantRateLimit(ctx);
  const { deps, project, user } = ctx;
  const { db } = deps.database;
  const { settings, log } = deps;
  const budget = settings.AI_CONTEXT_TOKEN_BUDGET;
  const conversation = input.conversationId
    ? await loadConversation(db, project.id, input.conversationId)
    : undefined;
  const data = await loadProjectData(db, project.id, input);
  const messages: ChatCompletionMessageParam[] = [
    { role: "system", content: SYSTEM_PROMPT },
    {
      role: "system",
      content: `Project context:\n\n${buildContext(project.name, data, input.prompt, budget)}`,
    },
    ...(conversation ? await conversationHistory(db, conversation.id, budget) : []),
    { role: "user", content: input.prompt },
  ];
  const model = settings.OPENAI_MODEL;
  const key = answerCacheKey(model, messages);
  const usage = { companyId: user.companyId, userId: user.id, projectId: project.id, model };

  const store = (outcome: Outcome, tokens: Tokens, cached: boolean, toolCalls: AssistantToolCall[]) =>
    db.transaction(async (tx) => {
      const conversationId = await saveExchange(tx, {
        conversationId: conversation?.id,
        projectId: project.id,
        userId: user.id,
        prompt: input.prompt,
        ...outcome,
      });
      await recordUsage(tx, {
        ...usage,
        promptTokens: tokens.prompt,
        completionTokens: tokens.completion,
        cached,
      });
      await recordAudit(tx, ctx, {
        action: "ai.ask",
        projectId: project.id,
        targetType: "ai_conversation",
        targetId: conversationId,
        details: {
          model,
          cached,
          tokens: tokens.prompt + tokens.completion,
          tools: toolCalls.map((c) => c.name),
        },
      });
      const answer: AssistantAnswer = {
        answer: outcome.answer,
        conversationId,
        cached,
        usage: { model, promptTokens: tokens.prompt, completionTokens: tokens.completion },
        toolCalls,
      };
      return answer;
    });

  const hit = await readCachedAnswer(deps.cache, key, log);
  deps.metrics.cacheLookups.inc({ cache: "ai_answers", result: hit ? "hit" : "miss" });
  if (hit) {
    if (options.stream) yield hit.answer;
    return await store(
      { answer: hit.answer, answerTokens: 0, rounds: [] },
      { prompt: 0, completion: 0 },
      true,
      hit.toolCalls,
    );
  }

  await enforceMonthlyBudget(db, user.companyId);
  const tokens: Tokens = { prompt: 0, completion: 0 };
  let outcome: Outcome;
  try {
    outcome = yield* converse(ctx, client, data, messages, tokens, options);
  } catch (error) {
    // Tokens of the calls that did answer were spent all the same.
    if (tokens.prompt + tokens.completion > 0)
      await recordUsage(db, {
        ...usage,
        promptTokens: tokens.prompt,
        completionTokens: tokens.completion,
        cached: false,
      });
    throw error;
  }
  const toolCalls = outcome.rounds.flatMap((round) => round.calls.map(({ result: _, ...call }) => call));
  const answer = await store(outcome, tokens, false, toolCalls);
  await writeCachedAnswer(
    deps.cache,
    key,
    { answer: answer.answer, toolCalls },
    settings.AI_CACHE_TTL_SECONDS,
    log,
  );
  return answer;
}
