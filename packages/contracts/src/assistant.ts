import { z } from "zod";

/** A question to the project's assistant (the api adds `projectId`). */
export const assistantAskSchema = z.object({
  prompt: z.string().trim().min(1).max(4_000),
  /** Continue this conversation; a new one is started when omitted. */
  conversationId: z.uuid().optional(),
  /** The circuit version the question is about; the latest when omitted (or the simulation's). */
  version: z.number().int().min(1).optional(),
  /** The study whose results go into the context; the version's latest short-circuit study when omitted. */
  simulationId: z.uuid().optional(),
});

export type AssistantAsk = z.infer<typeof assistantAskSchema>;

/** A tool the assistant ran while answering, with its arguments and, when it failed, why. */
export interface AssistantToolCall {
  id: string;
  name: string;
  arguments: string;
  error?: string;
}

export interface AssistantAnswer {
  answer: string;
  conversationId: string;
  /** Served from the cache: no tokens spent, no tools run now (toolCalls are the original ones). */
  cached: boolean;
  usage: { model: string; promptTokens: number; completionTokens: number };
  toolCalls: AssistantToolCall[];
}

/**
 * What `ai.askStream` yields: answer text as it arrives, then the whole answer, or an error the
 * client should show rather than retry (service unavailable, timeout). Errors of the question
 * itself (not found, forbidden, limits) fail the subscription as usual.
 */
export type AssistantStreamEvent =
  | { type: "token"; text: string }
  | ({ type: "done" } & AssistantAnswer)
  | { type: "error"; code: string; message: string };
