// The one place the web touches the assistant router (`ai`), which lands in the api separately.
// Until AppRouter has it, these calls go through the untyped client proxy with the types below;
// once it lands, swap the casts for `client.ai…` / `trpc.ai…` and delete the local types.

import { TRPCClientError } from "@trpc/client";
import { client } from "../trpc.ts";

export interface AskInput {
  projectId: string;
  prompt: string;
  conversationId?: string;
  version?: number;
}

export type AskEvent =
  | { type: "token"; text: string }
  | { type: "done"; conversationId: string; [extra: string]: unknown }
  | { type: string; [extra: string]: unknown };

export interface ConversationSummary {
  id: string;
  title: string;
  updatedAt: Date | null;
}

export interface ConversationMessage {
  role: "user" | "assistant";
  content: string;
}

interface Unsubscribable {
  unsubscribe(): void;
}

interface UntypedAiRouter {
  askStream: {
    subscribe(
      input: AskInput,
      handlers: {
        onData(value: unknown): void;
        onError(error: unknown): void;
        onComplete(): void;
        onConnectionStateChange?(state: { state: string; error: unknown }): void;
      },
    ): Unsubscribable;
  };
  conversations: {
    list: { query(input: { projectId: string }): Promise<unknown> };
    get: { query(input: { projectId: string; conversationId: string }): Promise<unknown> };
  };
}

const ai = (client as unknown as { ai: UntypedAiRouter }).ai;

const record = (v: unknown): Record<string, unknown> =>
  v && typeof v === "object" ? (v as Record<string, unknown>) : {};
const text = (v: unknown) => (typeof v === "string" ? v : "");
const date = (v: unknown) => (v instanceof Date ? v : typeof v === "string" ? new Date(v) : null);

/** True when the api has no `ai` router (yet): the panel then says so instead of failing. */
export function isMissingProcedure(error: unknown): boolean {
  return error instanceof TRPCClientError && /no procedure found|no such procedure/i.test(error.message);
}

export async function listConversations(projectId: string): Promise<ConversationSummary[]> {
  const raw = await ai.conversations.list.query({ projectId });
  const items = Array.isArray(raw) ? raw : ((record(raw).items as unknown[] | undefined) ?? []);
  return items.map((item) => {
    const c = record(item);
    return {
      id: text(c.id),
      title: text(c.title) || text(c.firstPrompt) || "Conversation",
      updatedAt: date(c.updatedAt ?? c.createdAt),
    };
  });
}

export async function getConversation(
  projectId: string,
  conversationId: string,
): Promise<ConversationMessage[]> {
  const raw = record(await ai.conversations.get.query({ projectId, conversationId }));
  const messages = (raw.messages as unknown[] | undefined) ?? [];
  return messages
    .map((m) => record(m))
    .filter((m) => m.role === "user" || m.role === "assistant")
    .map((m) => ({ role: m.role as "user" | "assistant", content: text(m.content) || text(m.text) }));
}

/** Streams an answer: tokens, then done with the conversation id. Returns a cancel function. */
export function askStream(
  input: AskInput,
  handlers: { onEvent(event: AskEvent): void; onError(error: unknown): void; onComplete(): void },
): () => void {
  let received = false;
  let failures = 0;
  const subscription = ai.askStream.subscribe(input, {
    onData(value) {
      received = true;
      const v = record(value);
      // tracked() events arrive as { id, data }.
      const event = ("data" in v && "id" in v && !("type" in v) ? record(v.data) : v) as AskEvent;
      handlers.onEvent(event);
    },
    onError: handlers.onError,
    onComplete: handlers.onComplete,
    onConnectionStateChange(state) {
      // EventSource would retry a refused stream forever; give up after two failed connects.
      if (state.state === "connecting" && state.error && !received && ++failures >= 2) {
        subscription.unsubscribe();
        handlers.onError(state.error);
      }
    },
  });
  return () => subscription.unsubscribe();
}
