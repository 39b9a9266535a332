import { useQuery } from "@tanstack/react-query";
import { useReactFlow } from "@xyflow/react";
import { useMemo, useState } from "react";
import { useEditor } from "../editor/EditorContext.tsx";
import { elementIds } from "../editor/model/document.ts";
import { errorMessage } from "../lib/errors.ts";
import { trpc } from "../trpc.ts";
import { ErrorMessage } from "../ui/ErrorMessage.tsx";
import { Loading } from "../ui/Loading.tsx";
import { ConversationPicker } from "./ConversationPicker.tsx";
import { MessageText } from "./MessageText.tsx";
import { useAssistantChat } from "./useAssistantChat.ts";

/** Questions about this network; answers stream in, and the elements they cite link to the diagram. */
export function AssistantPanel() {
  const { projectId, doc, state, dispatch } = useEditor();
  const flow = useReactFlow();
  const conversations = useQuery(trpc.ai.conversations.list.queryOptions({ projectId }));
  const { chat, ask, open, stop } = useAssistantChat(projectId, state.baseVersion);
  const [prompt, setPrompt] = useState("");
  const ids = useMemo(() => elementIds(doc), [doc]);
  const show = (id: string) => {
    dispatch({ type: "select", ids: [id] });
    void flow.fitView({ nodes: [{ id }], duration: 300, maxZoom: 1.3, padding: 0.6 });
  };
  if (conversations.isPending) return <Loading label="Connecting to the assistant…" />;
  return (
    <div className="panel-body assistant-panel" data-testid="assistant">
      {conversations.isError ? (
        <ErrorMessage error={conversations.error} />
      ) : (
        <ConversationPicker
          projectId={projectId}
          conversations={conversations.data}
          current={chat.conversationId}
          onOpen={open}
        />
      )}
      <div className="messages" aria-live="polite">
        {chat.messages.length === 0 && (
          <p className="muted">
            Ask about this network, e.g. “Why is the fault current at {doc.buses[0]?.id ?? "bus 1"} so high?”
            {state.baseVersion === null && " Save a version first: the assistant reads saved versions."}
          </p>
        )}
        {chat.messages.map((m, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: messages are only ever appended
          <div key={i} className={`message ${m.role}`}>
            {m.role === "assistant" ? (
              m.content ? (
                <MessageText text={m.content} ids={ids} onSelect={show} />
              ) : (
                <span className="typing">thinking…</span>
              )
            ) : (
              m.content
            )}
          </div>
        ))}
        {chat.error != null && (
          <p className="alert" role="alert">
            {errorMessage(chat.error)}
          </p>
        )}
      </div>
      <form
        className="ask-form"
        onSubmit={(e) => {
          e.preventDefault();
          const text = prompt.trim();
          if (!text || chat.streaming) return;
          ask(text);
          setPrompt("");
        }}
      >
        <textarea
          aria-label="Question for the assistant"
          rows={2}
          value={prompt}
          placeholder="Ask the assistant…"
          onChange={(e) => setPrompt(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && !e.shiftKey) {
              e.preventDefault();
              e.currentTarget.form?.requestSubmit();
            }
          }}
        />
        {chat.streaming ? (
          <button type="button" onClick={stop}>
            Stop
          </button>
        ) : (
          <button type="submit" className="primary" disabled={!prompt.trim()}>
            Ask
          </button>
        )}
      </form>
    </div>
  );
}
