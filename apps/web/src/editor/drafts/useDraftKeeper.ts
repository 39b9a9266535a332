import { useCallback, useEffect, useRef, useState } from "react";
import { useEditor } from "../EditorContext.tsx";
import { forgetDrafts, keepDraft } from "./draft-store.ts";

/** Typing into a field is kept at most this often; the last edit before an unload always is. */
const KEEP_EVERY_MS = 500;

/**
 * Keeps the editor's unsaved network as the project's draft while it differs from the saved
 * version, and forgets it once saved (or undone back to the saved state). Returns false when the
 * browser refused to keep it (storage full: a very large network), so the page can say so.
 */
export function useDraftKeeper(): boolean {
  const { projectId, doc, layout, dirty, state, canEdit } = useEditor();
  const [kept, setKept] = useState(true);
  const wasDirty = useRef(false);
  const baseVersion = state.baseVersion;
  const keep = useCallback(() => {
    const draft = { projectId, baseVersion, savedAt: new Date().toISOString(), doc, layout };
    setKept(keepDraft(localStorage, draft));
  }, [projectId, baseVersion, doc, layout]);

  useEffect(() => {
    if (!canEdit) return;
    if (!dirty) {
      // Only a change from unsaved to saved forgets: opening the editor must not drop the draft
      // it is about to offer.
      if (wasDirty.current) forgetDrafts(localStorage, projectId);
      wasDirty.current = false;
      return;
    }
    wasDirty.current = true;
    const timer = setTimeout(keep, KEEP_EVERY_MS);
    return () => clearTimeout(timer);
  }, [canEdit, dirty, keep, projectId]);

  // Leaving the editor for another page of the app within KEEP_EVERY_MS of the last edit keeps
  // that edit too (the timer above is cleared on unmount).
  const onUnmount = useRef<() => void>(() => {});
  onUnmount.current = canEdit && dirty ? keep : () => {};
  useEffect(() => () => onUnmount.current(), []);

  // A reload or a closed tab within KEEP_EVERY_MS of the last edit keeps that edit too.
  useEffect(() => {
    if (!canEdit || !dirty) return;
    window.addEventListener("pagehide", keep);
    return () => window.removeEventListener("pagehide", keep);
  }, [canEdit, dirty, keep]);
  return kept;
}
