// One call to the model: a completion with the tools offered, streamed or not. Streamed text is
// yielded as it arrives; the whole message (text or tool calls) and its usage are returned.

import type OpenAI from "openai";
import type {
  ChatCompletion,
  ChatCompletionMessage,
  ChatCompletionMessageParam,
} from "openai/resources/chat/completions";
import type { ApiDeps } from "../deps.ts";
import { estimateTokens } from "./context.ts";
import { toolDefinitions } from "./tool-definitions.ts";
import { upstreamError } from "./upstream-errors.ts";

export interface ModelTurn {
  message: ChatCompletionMessage;
  promptTokens: number;
  completionTokens: number;
}

export interface CallOptions {
  stream: boolean;
  /** Offer the tools; false for the last round, which must answer in text. */
  tools: boolean;
  /** The client's request: aborting it stops the call. */
  signal: AbortSignal | undefined;
  requestId: string;
}

class MalformedResponse extends Error {}

/** The message and usage of a completion; servers that report no usage are estimated. */
function turnOf(completion: ChatCompletion, messages: ChatCompletionMessageParam[]): ModelTurn {
  const message = completion.choices?.[0]?.message;
  if (!message || (message.content == null && !message.tool_calls?.length)) {
    throw new MalformedResponse("the completion has neither text nor tool calls");
  }
  const usage = completion.usage;
  return {
    message,
    promptTokens: usage?.prompt_tokens ?? estimateTokens(JSON.stringify(messages)),
    completionTokens: usage?.completion_tokens ?? estimateTokens(JSON.stringify(message)),
  };
}

export async function* callModel(
  client: OpenAI,
  deps: ApiDeps,
  messages: ChatCompletionMessageParam[],
  options: CallOptions,
): AsyncGenerator<string, ModelTurn> {
  const timeout = AbortSignal.timeout(deps.settings.AI_TIMEOUT_MS);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const body = {
    model: deps.settings.OPENAI_MODEL,
    messages,
    ...(options.tools && { tools: toolDefinitions }),
  };
  try {
    if (!options.stream) return turnOf(await client.chat.completions.create(body, { signal }), messages);
    const stream = client.chat.completions.stream(
      { ...body, stream_options: { include_usage: true } },
      { signal },
    );
    for await (const chunk of stream) {
      const text = chunk.choices[0]?.delta?.content;
      if (text) yield text;
    }
    return turnOf(await stream.finalChatCompletion(), messages);
  } catch (error) {
    const state = { timedOut: timeout.aborted, cancelled: Boolean(options.signal?.aborted) };
    throw upstreamError(error, state, deps.log, options.requestId);
  }
}
