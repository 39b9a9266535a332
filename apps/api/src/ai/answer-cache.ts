// Answers cached by everything the model saw: model, system message, project context, history
// and question. Anything new in the project (a saved version, a study) changes the context, so a
// stale answer is never served. Only answers are cached, never errors.

import { createHash } from "node:crypto";
import type { AssistantToolCall } from "@ampflux/contracts";
import type { Cache } from "@ampflux/db/cache";
import type { ChatCompletionMessageParam } from "openai/resources/chat/completions";
import type { Logger } from "../logger.ts";

export interface CachedAnswer {
  answer: string;
  toolCalls: AssistantToolCall[];
}

export function answerCacheKey(model: string, messages: ChatCompletionMessageParam[]): string {
  const hash = createHash("sha256").update(JSON.stringify({ model, messages })).digest("hex");
  return `ai:answer:${hash}`;
}

/** A cache that cannot be read is a miss: the question is answered by the model instead. */
export async function readCachedAnswer(cache: Cache, key: string, log: Logger): Promise<CachedAnswer | null> {
  try {
    const value = await cache.get(key);
    return value ? (JSON.parse(value) as CachedAnswer) : null;
  } catch (error) {
    log.warn("assistant cache read failed", { error: String(error) });
    return null;
  }
}

export async function writeCachedAnswer(
  cache: Cache,
  key: string,
  value: CachedAnswer,
  ttlSeconds: number,
  log: Logger,
): Promise<void> {
  await cache.set(key, JSON.stringify(value), ttlSeconds).catch((error: unknown) => {
    log.warn("assistant cache write failed", { error: String(error) });
  });
}
