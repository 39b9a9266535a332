import { useSubscription } from "@trpc/tanstack-react-query";
import { useState } from "react";
import { useFeature } from "../../features/useFeatures.ts";
import { trpc } from "../../trpc.ts";
import { ErrorMessage } from "../../ui/ErrorMessage.tsx";
import { useEditor } from "../EditorContext.tsx";
import { useReload } from "./useReload.ts";

interface SavedVersion {
  version: number;
  message: string;
  authorName: string | null;
}

/**
 * Live collaboration: a version saved elsewhere (a colleague, another tab) shows at once, with a
 * way to load it, instead of surfacing only as a conflict on the next save.
 */
export function LiveSaveNotice() {
  const { projectId, state, dirty } = useEditor();
  const enabled = useFeature("realtime_collaboration");
  const reload = useReload();
  const [latest, setLatest] = useState<SavedVersion | null>(null);
  const [reloadError, setReloadError] = useState<unknown>(null);
  useSubscription(
    trpc.circuits.live.subscriptionOptions(
      { projectId },
      {
        enabled,
        onData: ({ data }) => setLatest((shown) => (shown && shown.version > data.version ? shown : data)),
      },
    ),
  );
  if (!latest || latest.version <= (state.baseVersion ?? 0)) return null;
  return (
    <div className="alert live-save" role="status" data-testid="live-save">
      <span>
        <strong>
          {latest.authorName ?? "Someone"} saved version {latest.version}
        </strong>
        {latest.message && `: ${latest.message}`}
      </span>
      <button
        type="button"
        className="small"
        onClick={() => reload(latest.version).catch(setReloadError)}
        title={dirty ? "Your unsaved changes are dropped" : undefined}
      >
        Load version {latest.version}
      </button>
      <ErrorMessage error={reloadError} />
    </div>
  );
}
