import { validateNetwork } from "@ampflux/contracts";
import { createContext, useContext, useMemo, useReducer } from "react";
import { type TypeLibraryValue, useTypeLibrary } from "../types/useTypeLibrary.ts";
import { documentJson, type EditorDocument } from "./model/document.ts";
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
  const [state, dispatch] = useReducer(editorReducer, undefined, () =>
    initialState(doc, layout, baseVersion),
  );
  const present = state.history.present;
  const types = useTypeLibrary();
  const validation = useMemo(() => validateNetwork(present.doc, types.library), [present.doc, types.library]);
  const json = useMemo(() => documentJson(present.doc), [present.doc]);
  const value = useMemo<EditorContextValue>(
    () => ({
      projectId,
      canEdit,
      state,
      dispatch,
      doc: present.doc,
      layout: present.layout,
      dirty: json !== state.savedJson,
      validation,
      types,
    }),
    [projectId, canEdit, state, present, json, validation, types],
  );
  return <EditorContext value={value}>{children}</EditorContext>;
}

export function useEditor(): EditorContextValue {
  const value = useContext(EditorContext);
  if (!value) throw new Error("useEditor outside EditorProvider");
  return value;
}
