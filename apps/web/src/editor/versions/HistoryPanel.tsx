import { diffDocuments } from "@ampflux/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { formatDate } from "../../lib/format.ts";
import { trpc } from "../../trpc.ts";
import { EmptyState } from "../../ui/EmptyState.tsx";
import { ErrorMessage } from "../../ui/ErrorMessage.tsx";
import { Loading } from "../../ui/Loading.tsx";
import { useEditor } from "../EditorContext.tsx";
import { withBusPositions } from "../model/auto-layout.ts";
import { normalizeDocument } from "../model/document.ts";
import { useReload } from "./useReload.ts";

/** Saved versions, newest first: compare one with the editor's network, or restore it. */
export function HistoryPanel() {
  const { projectId, canEdit, state, dispatch, doc, dirty } = useEditor();
  const queryClient = useQueryClient();
  const reload = useReload();
  const [comparing, setComparing] = useState<number | null>(null);
  const [compareError, setCompareError] = useState<unknown>(null);
  const versions = useQuery(trpc.circuits.list.queryOptions({ projectId, limit: 50 }));
  const restore = useMutation(
    trpc.circuits.restore.mutationOptions({ onSuccess: (saved) => reload(saved.version) }),
  );
  const compare = async (version: number) => {
    setCompareError(null);
    setComparing(version);
    try {
      const old = await queryClient.fetchQuery(trpc.circuits.get.queryOptions({ projectId, version }));
      if (!old) return;
      const before = withBusPositions(normalizeDocument(old.document));
      dispatch({ type: "diff", diff: { version, before, diff: diffDocuments(before, doc) } });
    } catch (error) {
      setCompareError(error);
    } finally {
      setComparing(null);
    }
  };
  if (versions.isPending) return <Loading label="Loading versions…" />;
  if (versions.isError) return <ErrorMessage error={versions.error} />;
  if (versions.data.length === 0)
    return <EmptyState title="No saved versions yet">Press Ctrl+S to save the first one.</EmptyState>;
  return (
    <div className="panel-body stack">
      <ErrorMessage error={restore.error ?? compareError} />
      <ol className="history" data-testid="history">
        {versions.data.map((v) => (
          <li
            key={v.id}
            className={v.version === state.baseVersion ? "current" : undefined}
            data-version={v.version}
          >
            <div className="history-head">
              <strong>v{v.version}</strong>
              <span className="muted small">
                {formatDate(v.createdAt)} · {v.authorName ?? "unknown"}
              </span>
            </div>
            <p>{v.message || <span className="muted">no message</span>}</p>
            <p className="muted small">
              {Object.entries(v.elementCounts as Record<string, number>)
                .filter(([, n]) => n > 0)
                .map(([k, n]) => `${n} ${k.replace(/_/g, " ")}`)
                .join(", ")}
            </p>
            <div className="row">
              <button
                type="button"
                className="small"
                disabled={comparing !== null}
                onClick={() => compare(v.version)}
              >
                {comparing === v.version ? "Comparing…" : "Compare"}
              </button>
              {canEdit && v.version !== state.baseVersion && (
                <button
                  type="button"
                  className="small"
                  disabled={restore.isPending}
                  onClick={() => {
                    if (dirty && !window.confirm("Restoring drops your unsaved changes. Continue?")) return;
                    restore.mutate({ projectId, version: v.version, baseVersion: state.baseVersion });
                  }}
                >
                  Restore
                </button>
              )}
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}
