import { useEffect, useState } from "react";
import { formatDate } from "../../lib/format.ts";
import { useEditor } from "../EditorContext.tsx";
import { sameDocument } from "../model/document.ts";
import { useEditorActions } from "../useEditorActions.ts";
import { type Draft, describeDraft, forgetDrafts, newestDraft } from "./draft-store.ts";
import { useDraftKeeper } from "./useDraftKeeper.ts";
import { useUnsavedWarning } from "./useUnsavedWarning.ts";

/**
 * No lost work: offers the draft a previous visit left (a crash, a reload, a closed tab) with what
 * it changes and from which version, keeps the present unsaved edits as the next draft, and asks
 * before leaving the editor with unsaved edits.
 */
export function DraftGuard() {
  const { projectId, doc, state, dirty, canEdit } = useEditor();
  const actions = useEditorActions();
  // Read once, when the editor opens: later edits keep a new draft under the same key.
  const [offer, setOffer] = useState<{ draft: Draft; opened: typeof doc; version: number | null } | null>(
    () => {
      if (!canEdit) return null;
      const draft = newestDraft(localStorage, projectId);
      // A draft equal to what opened (saved from another tab since) has nothing to offer.
      if (!draft || sameDocument(draft.doc, state.savedDoc)) return null;
      return { draft, opened: doc, version: state.baseVersion };
    },
  );
  const kept = useDraftKeeper();
  const blocker = useUnsavedWarning(dirty);
  // The browser's own confirm, like beforeunload's: one answer, and automation accepts it alike.
  useEffect(() => {
    if (blocker.state !== "blocked") return;
    const since = state.baseVersion === null ? "" : ` since version ${state.baseVersion}`;
    const leave = window.confirm(
      `The network has unsaved changes${since}. Leave without saving? They stay in this browser as a draft, offered when the project is opened here again; nobody else sees them.`,
    );
    if (leave) blocker.proceed();
    else blocker.reset();
  }, [blocker, state.baseVersion]);
  const summary = offer && describeDraft(offer.draft, offer.opened, offer.version);
  return (
    <>
      {offer && summary && (
        <div className="draft-offer" role="alert" data-testid="draft-offer">
          <p>
            <strong>Unsaved changes from {formatDate(offer.draft.savedAt)}</strong> were kept in this browser
            ({summary.origin}): {summary.changes}.
            {summary.newerVersion !== null &&
              ` Version ${summary.newerVersion} was saved since: restoring replaces its network with the draft (Undo brings it back).`}
          </p>
          <div className="row">
            <button
              type="button"
              className="primary small"
              onClick={() => {
                actions.replace(offer.draft.doc, offer.draft.layout);
                setOffer(null);
              }}
            >
              Restore the draft
            </button>
            <button
              type="button"
              className="small"
              onClick={() => {
                forgetDrafts(localStorage, projectId);
                setOffer(null);
              }}
            >
              Discard it
            </button>
          </div>
        </div>
      )}
      {!kept && dirty && (
        <p className="draft-offer alert small" role="status">
          This browser's storage is full: unsaved changes would be lost on a reload. Save a version.
        </p>
      )}
    </>
  );
}
