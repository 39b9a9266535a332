import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { trpc } from "../trpc.ts";
import { askStream, type ConversationMessage } from "./api.ts";

export interface ChatState {
  messages: ConversationMessage[];
  conversationId: string | undefined;
  streaming: boolean;
  error: unknown;
}

/** One conversation: sends prompts, appends streamed tokens to the answer as they arrive. */
export function useAssistantChat(projectId: string, version: number | null) {
  const queryClient = useQueryClient();
  const [chat, setChat] = useState<ChatState>({
    messages: [],
    conversationId: undefined,
    streaming: false,
    error: null,
  });
  const cancel = useRef<(() => void) | null>(null);
  useEffect(() => () => cancel.current?.(), []);

  const ask = useCallback(
    (prompt: string) => {
      cancel.current?.();
      setChat((c) => ({
        ...c,
        streaming: true,
        error: null,
        messages: [...c.messages, { role: "user", content: prompt }, { role: "assistant", content: "" }],
      }));
      const setAnswer = (update: (content: string) => string) =>
        setChat((c) => {
          const messages = [...c.messages];
          const answer = messages.at(-1);
          if (answer?.role === "assistant")
            messages[messages.length - 1] = { ...answer, content: update(answer.content) };
          return { ...c, messages };
        });
      /** The answer could not be given: drop its empty bubble, say why. */
      const fail = (error: unknown) =>
        setChat((c) => ({
          ...c,
          streaming: false,
          error,
          messages: c.messages.at(-1)?.content === "" ? c.messages.slice(0, -1) : c.messages,
        }));
      cancel.current = askStream(
        {
          projectId,
          prompt,
          ...(chat.conversationId ? { conversationId: chat.conversationId } : {}),
          ...(version !== null ? { version } : {}),
        },
        {
          onEvent(event) {
            if (event.type === "token") setAnswer((content) => content + event.text);
            else if (event.type === "error") fail(new Error(event.message));
            else {
              // The stored answer is the one the history will show.
              setAnswer(() => event.answer);
              setChat((c) => ({ ...c, conversationId: event.conversationId, streaming: false }));
              cancel.current?.();
              cancel.current = null;
              void queryClient.invalidateQueries({ queryKey: trpc.ai.conversations.list.pathKey() });
            }
          },
          onError: fail,
          onComplete() {
            setChat((c) => ({ ...c, streaming: false }));
          },
        },
      );
    },
    [projectId, version, chat.conversationId, queryClient],
  );

  const open = useCallback((conversationId: string | undefined, messages: ConversationMessage[]) => {
    cancel.current?.();
    setChat({ messages, conversationId, streaming: false, error: null });
  }, []);

  const stop = useCallback(() => {
    cancel.current?.();
    cancel.current = null;
    setChat((c) => ({ ...c, streaming: false }));
  }, []);

  return { chat, ask, open, stop };
}
