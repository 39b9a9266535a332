import { useState } from "react";
import { formatDate } from "../lib/format.ts";
import { ErrorMessage } from "../ui/ErrorMessage.tsx";
import { type ConversationMessage, type ConversationSummary, getConversation } from "./api.ts";

interface Props {
  projectId: string;
  conversations: ConversationSummary[];
  current: string | undefined;
  onOpen(id: string | undefined, messages: ConversationMessage[]): void;
}

/** The project's earlier conversations: continue one, or start a new one. */
export function ConversationPicker({ projectId, conversations, current, onOpen }: Props) {
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const choose = async (id: string) => {
    setError(null);
    if (!id) return onOpen(undefined, []);
    setLoading(true);
    try {
      onOpen(id, await getConversation(projectId, id));
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  };
  return (
    <div className="conversation-picker">
      <select
        aria-label="Conversation"
        value={current ?? ""}
        disabled={loading}
        onChange={(e) => void choose(e.target.value)}
      >
        <option value="">New conversation</option>
        {conversations.map((c) => (
          <option key={c.id} value={c.id}>
            {c.title.slice(0, 60)} {c.updatedAt ? `(${formatDate(c.updatedAt)})` : ""}
          </option>
        ))}
      </select>
      <ErrorMessage error={error} />
    </div>
  );
}
