import type { EditorDocument } from "./document.ts";
import type { Layout } from "./layout.ts";

/** What undo and redo step through: the document and the diagram positions together. */
export interface Snapshot {
  doc: EditorDocument;
  layout: Layout;
}

export interface History {
  past: Snapshot[];
  present: Snapshot;
  future: Snapshot[];
  /** Edits with the same key in a row (typing into one field) make one undo step. */
  coalesceKey: string | null;
}

const LIMIT = 200;

export const startHistory = (present: Snapshot): History => ({
  past: [],
  present,
  future: [],
  coalesceKey: null,
});

export function record(history: History, next: Snapshot, coalesceKey: string | null = null): History {
  if (next === history.present) return history;
  if (coalesceKey !== null && coalesceKey === history.coalesceKey)
    return { ...history, present: next, future: [] };
  return {
    past: [...history.past, history.present].slice(-LIMIT),
    present: next,
    future: [],
    coalesceKey,
  };
}

export function undo(history: History): History {
  const previous = history.past.at(-1);
  if (!previous) return history;
  return {
    past: history.past.slice(0, -1),
    present: previous,
    future: [history.present, ...history.future],
    coalesceKey: null,
  };
}

export function redo(history: History): History {
  const [next, ...rest] = history.future;
  if (!next) return history;
  return { past: [...history.past, history.present], present: next, future: rest, coalesceKey: null };
}
