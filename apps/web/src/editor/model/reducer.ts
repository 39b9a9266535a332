import { type DocumentDiff, diffDocuments } from "@ampflux/contracts";
import type { EditorDocument } from "./document.ts";
import { type History, record, redo, type Snapshot, startHistory, undo } from "./history.ts";
import { type Layout, withLayout } from "./layout.ts";

/** A version compared with the editor's network: highlighted on the diagram and listed. */
export interface VisualDiff {
  version: number;
  diff: DocumentDiff;
  /** The old document, to draw what was removed as ghosts. */
  before: EditorDocument;
}

/** An edit's new snapshot, optionally with what to select afterwards (e.g. the added element). */
export interface EditResult extends Snapshot {
  select?: string[];
}

export interface EditorState {
  history: History;
  /** Selected node and edge ids on the diagram. */
  selection: string[];
  /** The version the document was loaded from or last saved as (null: never saved). */
  baseVersion: number | null;
  /** The document as loaded or saved, to tell unsaved changes (sameDocument). */
  savedDoc: EditorDocument;
  diff: VisualDiff | null;
}

export type EditorAction =
  | { type: "load"; doc: EditorDocument; layout: Layout; baseVersion: number | null }
  | { type: "edit"; update(present: Snapshot): EditResult; coalesce?: string; select?: string[] }
  | { type: "undo" }
  | { type: "redo" }
  | { type: "select"; ids: string[] }
  /** Selection changes the user made on the diagram (clicks, box selection), applied in order. */
  | { type: "selectDelta"; delta: Array<{ id: string; selected: boolean }> }
  | { type: "saved"; version: number; doc: EditorDocument }
  | { type: "diff"; diff: VisualDiff | null };

export function initialState(
  loaded: EditorDocument,
  layout: Layout,
  baseVersion: number | null,
): EditorState {
  // A layout migrated from localStorage joins the document: it is saved with the next version.
  const doc = withLayout(loaded, layout);
  return {
    history: startHistory({ doc, layout }),
    selection: [],
    baseVersion,
    savedDoc: doc,
    diff: null,
  };
}

const sameIds = (a: string[], b: string[]) => a.length === b.length && a.every((id) => b.includes(id));

/** Drops selected ids that no longer exist (after undo, delete or load). */
function keepExisting(selection: string[], snapshot: Snapshot): string[] {
  const ids = new Set<string>();
  for (const value of Object.values(snapshot.doc))
    if (Array.isArray(value)) for (const e of value as Array<{ id: string }>) ids.add(e.id);
  return selection.filter((id) => ids.has(id.split("|")[0] ?? id));
}

/** A compared version's diff follows the edits made while it is shown. */
function refreshDiff(diff: VisualDiff | null, doc: EditorDocument): VisualDiff | null {
  return diff && { ...diff, diff: diffDocuments(diff.before, doc) };
}

export function editorReducer(state: EditorState, action: EditorAction): EditorState {
  switch (action.type) {
    case "load":
      return initialState(action.doc, action.layout, action.baseVersion);
    case "edit": {
      const present = state.history.present;
      const { select, doc, layout } = action.update(present);
      const unchanged = doc === present.doc && layout === present.layout;
      // The layout is part of the document: a move changes it (unsaved, versioned, diffed).
      const next = unchanged
        ? present
        : { doc: layout === present.layout ? doc : withLayout(doc, layout), layout };
      const history = record(state.history, next, action.coalesce ?? null);
      const selection = select ?? action.select ?? keepExisting(state.selection, next);
      const diff = next === present ? state.diff : refreshDiff(state.diff, next.doc);
      return { ...state, history, selection, diff };
    }
    case "undo":
    case "redo": {
      const history = action.type === "undo" ? undo(state.history) : redo(state.history);
      return {
        ...state,
        history,
        selection: keepExisting(state.selection, history.present),
        diff: refreshDiff(state.diff, history.present.doc),
      };
    }
    case "select":
      // xyflow reports the selection back after every render: an equal one must not re-render.
      if (sameIds(action.ids, state.selection)) return state;
      return { ...state, selection: action.ids };
    case "selectDelta": {
      const next = new Set(state.selection);
      for (const { id, selected } of action.delta) {
        if (selected) next.add(id);
        else next.delete(id);
      }
      const ids = [...next];
      return sameIds(ids, state.selection) ? state : { ...state, selection: ids };
    }
    case "saved":
      return { ...state, baseVersion: action.version, savedDoc: action.doc };
    case "diff":
      return { ...state, diff: action.diff };
  }
}
