import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
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
      const appendToAnswer = (text: string) =>
        setChat((c) => {
          const messages = [...c.messages];
          const answer = messages.at(-1);
          if (answer?.role === "assistant")
            messages[messages.length - 1] = { ...answer, content: answer.content + text };
          return { ...c, messages };
        });
      cancel.current = askStream(
        {
          projectId,
          prompt,
          ...(chat.conversationId ? { conversationId: chat.conversationId } : {}),
          ...(version !== null ? { version } : {}),
        },
        {
          onEvent(event) {
            if (event.type === "token" && typeof event.text === "string") appendToAnswer(event.text);
            else if (event.type === "done") {
              const conversationId =
                typeof event.conversationId === "string" ? event.conversationId : undefined;
              setChat((c) => ({
                ...c,
                conversationId: conversationId ?? c.conversationId,
                streaming: false,
              }));
              cancel.current?.();
              cancel.current = null;
              void queryClient.invalidateQueries({ queryKey: ["ai", "conversations", projectId] });
            }
          },
          onError(error) {
            setChat((c) => ({
              ...c,
              streaming: false,
              error,
              messages: c.messages.at(-1)?.content === "" ? c.messages.slice(0, -1) : c.messages,
            }));
          },
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
