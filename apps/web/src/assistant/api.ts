// The assistant router (`ai`) beyond what query options cover: the answer stream and a
// conversation's messages in the panel's shape.

import type { AssistantAsk, AssistantStreamEvent } from "@ampflux/contracts";
import type { inferOutput } from "@trpc/tanstack-react-query";
import { client, type trpc } from "../trpc.ts";

export type AskInput = AssistantAsk & { projectId: string };
export type ConversationSummary = inferOutput<typeof trpc.ai.conversations.list>[number];

export interface ConversationMessage {
  role: "user" | "assistant";
  content: string;
}

/** The questions and answers of a conversation, without the tool rounds in between. */
export async function getConversation(
  projectId: string,
  conversationId: string,
): Promise<ConversationMessage[]> {
  const { messages } = await client.ai.conversations.get.query({ projectId, conversationId });
  return messages.flatMap((m) =>
    (m.role === "user" || m.role === "assistant") && m.content ? [{ role: m.role, content: m.content }] : [],
  );
}

/** Streams an answer: tokens, then done (or error). Returns a cancel function. */
export function askStream(
  input: AskInput,
  handlers: {
    onEvent(event: AssistantStreamEvent): void;
    onError(error: unknown): void;
    onComplete(): void;
  },
): () => void {
  const subscription = client.ai.askStream.subscribe(input, {
    onData: handlers.onEvent,
    onError: handlers.onError,
    onComplete: handlers.onComplete,
    onConnectionStateChange(state) {
      // EventSource reconnects after a failure, which would ask (and pay for) the question again
      // after a growing delay: report the failure at once instead.
      if (state.state === "connecting" && state.error) {
        subscription.unsubscribe();
        handlers.onError(state.error);
      }
    },
  });
  return () => subscription.unsubscribe();
}
