import { diffDocuments } from "@ampflux/contracts";
import type { EditorDocument } from "../model/document.ts";
import type { Layout } from "../model/layout.ts";

// Unsaved edits survive a crash, a closed tab or a reload: the editor keeps its present network
// in the browser's storage while it differs from the saved version, one draft per project and base
// version, and offers it back when the project is opened again. localStorage rather than
// IndexedDB: it is synchronous, so the last edit before an unload is written too.

/** An unsaved network as kept in the browser. */
export interface Draft {
  projectId: string;
  /** The version the edits started from (null: the project had none). */
  baseVersion: number | null;
  /** ISO time of the last edit kept. */
  savedAt: string;
  doc: EditorDocument;
  layout: Layout;
}

/** The part of the Web Storage API drafts need (tests pass an in-memory one). */
export type DraftStorage = Pick<Storage, "getItem" | "setItem" | "removeItem" | "key" | "length">;

const PREFIX = "ampflux:draft:";
const projectPrefix = (projectId: string) => `${PREFIX}${projectId}:`;
export const draftKey = (projectId: string, baseVersion: number | null) =>
  `${projectPrefix(projectId)}${baseVersion ?? "new"}`;

/** Keeps the draft; false when the storage refuses it (full or disabled), so the page can say so. */
export function keepDraft(storage: DraftStorage, draft: Draft): boolean {
  try {
    storage.setItem(draftKey(draft.projectId, draft.baseVersion), JSON.stringify(draft));
    return true;
  } catch {
    return false;
  }
}

function parseDraft(text: string | null, projectId: string): Draft | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as Partial<Draft>;
    const valid =
      value.projectId === projectId &&
      (value.baseVersion === null || typeof value.baseVersion === "number") &&
      typeof value.savedAt === "string" &&
      value.doc !== null &&
      typeof value.doc === "object" &&
      typeof value.layout === "object";
    return valid ? (value as Draft) : null;
  } catch {
    return null;
  }
}

/** Keys of every draft of the project, whatever its base version. */
function projectDraftKeys(storage: DraftStorage, projectId: string): string[] {
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key?.startsWith(projectPrefix(projectId))) keys.push(key);
  }
  return keys;
}

/** The project's newest draft (made on any version), or null. An unreadable entry is no draft. */
export function newestDraft(storage: DraftStorage, projectId: string): Draft | null {
  let newest: Draft | null = null;
  for (const key of projectDraftKeys(storage, projectId)) {
    const draft = parseDraft(storage.getItem(key), projectId);
    if (draft && (!newest || draft.savedAt > newest.savedAt)) newest = draft;
  }
  return newest;
}

/** Forgets the project's drafts (saved, discarded or restored and then saved). */
export function forgetDrafts(storage: DraftStorage, projectId: string): void {
  for (const key of projectDraftKeys(storage, projectId)) storage.removeItem(key);
}

/** What restoring the draft would change, in words, against the network the editor opened. */
export interface DraftSummary {
  /** "made on version 3" / "made before the first save". */
  origin: string;
  /** Set when the project moved on since: restoring replaces the newer version's network. */
  newerVersion: number | null;
  /** "2 added (B4, L3), 1 removed (G1), 1 changed (B1: vn_kv)" or "the layout only". */
  changes: string;
}

const listed = (ids: string[], limit = 5) =>
  ids.length > limit ? `${ids.slice(0, limit).join(", ")} and ${ids.length - limit} more` : ids.join(", ");

/** What changed from `before` to `after`, in words: "1 added (B3), 1 changed (B1: vn_kv)". */
export function describeChanges(before: EditorDocument, after: EditorDocument): string {
  const diff = diffDocuments(before, after);
  const parts: string[] = [];
  if (diff.added.length) parts.push(`${diff.added.length} added (${listed(diff.added.map((c) => c.id))})`);
  if (diff.removed.length)
    parts.push(`${diff.removed.length} removed (${listed(diff.removed.map((c) => c.id))})`);
  if (diff.changed.length)
    parts.push(
      `${diff.changed.length} changed (${listed(diff.changed.map((c) => `${c.id}: ${(c.fields ?? []).join(", ")}`))})`,
    );
  if (diff.properties.length) parts.push(`network ${diff.properties.join(", ")} changed`);
  return parts.length ? parts.join(", ") : "positions on the diagram only";
}

export function describeDraft(
  draft: Draft,
  opened: EditorDocument,
  openedVersion: number | null,
): DraftSummary {
  const newer =
    openedVersion !== null && (draft.baseVersion === null || openedVersion > draft.baseVersion)
      ? openedVersion
      : null;
  return {
    origin:
      draft.baseVersion === null ? "made before the first save" : `made on version ${draft.baseVersion}`,
    newerVersion: newer,
    changes: describeChanges(opened, draft.doc),
  };
}
