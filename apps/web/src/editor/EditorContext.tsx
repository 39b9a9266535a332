import { NetworkValidator, type validateNetwork } from "@ampflux/contracts";
import { createContext, useCallback, useContext, useMemo, useRef, useState } from "react";
import { type TypeLibraryValue, useTypeLibrary } from "../types/useTypeLibrary.ts";
import { type EditorDocument, sameDocument } from "./model/document.ts";
import type { Layout } from "./model/layout.ts";
import { type EditorAction, type EditorState, editorReducer, initialState } from "./model/reducer.ts";

export interface EditorContextValue {
  projectId: string;
  canEdit: boolean;
  state: EditorState;
  dispatch: React.Dispatch<EditorAction>;
  doc: EditorDocument;
  layout: Layout;
  dirty: boolean;
  validation: ReturnType<typeof validateNetwork>;
  /** The types elements may reference (built-in and the company's). */
  types: TypeLibraryValue;
  /**
   * Calls `listener` with each new document as soon as an action makes it, before the editor
   * renders it; returns the unsubscribe function. The live study starts from here, so that the
   * engine worker computes while the main thread redraws (useLiveResults).
   */
  onDocument(listener: (doc: EditorDocument) => void): () => void;
}

const EditorContext = createContext<EditorContextValue | null>(null);

interface ProviderProps {
  projectId: string;
  canEdit: boolean;
  doc: EditorDocument;
  layout: Layout;
  baseVersion: number | null;
  children: React.ReactNode;
}

/** The network being edited, its undo history, selection and validation, for the whole editor. */
export function EditorProvider({ projectId, canEdit, doc, layout, baseVersion, children }: ProviderProps) {
  // The reducer runs when an action is dispatched (not when React renders), so the new document
  // is known at once: listeners hear of it before the ~200 ms redraw of a large network.
  const [state, setState] = useState(() => initialState(doc, layout, baseVersion));
  const current = useRef(state);
  const listeners = useRef(new Set<(doc: EditorDocument) => void>());
  const dispatch = useCallback((action: EditorAction) => {
    const before = current.current;
    const next = editorReducer(before, action);
    if (next === before) return;
    current.current = next;
    setState(next);
    const nextDoc = next.history.present.doc;
    if (nextDoc !== before.history.present.doc) for (const listener of listeners.current) listener(nextDoc);
  }, []);
  const onDocument = useCallback((listener: (doc: EditorDocument) => void) => {
    listeners.current.add(listener);
    return () => {
      listeners.current.delete(listener);
    };
  }, []);
  const present = state.history.present;
  const types = useTypeLibrary();
  // After an edit only the changed elements are parsed again (NetworkValidator).
  const [validator] = useState(() => new NetworkValidator());
  const validation = useMemo(
    () => validator.validate(present.doc, types.library),
    [validator, present.doc, types.library],
  );
  const dirty = useMemo(() => !sameDocument(present.doc, state.savedDoc), [present.doc, state.savedDoc]);
  const value = useMemo<EditorContextValue>(
    () => ({
      projectId,
      canEdit,
      state,
      dispatch,
      doc: present.doc,
      layout: present.layout,
      dirty,
      validation,
      types,
      onDocument,
    }),
    [projectId, canEdit, state, dispatch, present, dirty, validation, types, onDocument],
  );
  return <EditorContext value={value}>{children}</EditorContext>;
}

export function useEditor(): EditorContextValue {
  const value = useContext(EditorContext);
  if (!value) throw new Error("useEditor outside EditorProvider");
  return value;
}
