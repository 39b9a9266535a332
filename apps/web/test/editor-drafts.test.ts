import { describe, expect, it } from "vitest";
import {
  type Draft,
  type DraftStorage,
  describeDraft,
  draftKey,
  forgetDrafts,
  keepDraft,
  newestDraft,
} from "../src/editor/drafts/draft-store.ts";
import { importLossQuestion } from "../src/editor/io/ImportButton.tsx";
import { emptyDocument } from "../src/editor/model/document.ts";

// The draft store that keeps unsaved edits across a reload or crash: what is kept, which draft is
// offered back, and what the offer says it changes.

/** The Web Storage API over a Map, with an optional quota (characters) like a browser's. */
function memoryStorage(quota = Number.POSITIVE_INFINITY): DraftStorage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    key: (i) => [...items.keys()][i] ?? null,
    getItem: (k) => items.get(k) ?? null,
    setItem: (k, v) => {
      if (v.length > quota) throw new DOMException("quota exceeded", "QuotaExceededError");
      items.set(k, String(v));
    },
    removeItem: (k) => void items.delete(k),
  };
}

const opened = () => {
  const doc = emptyDocument("Plant");
  doc.buses = [
    { id: "B1", name: "Main", vn_kv: 20 },
    { id: "B2", name: "LV", vn_kv: 0.4 },
  ];
  doc.external_grids = [{ id: "G1", bus: "B1", s_sc_max_mva: 500 }];
  return doc;
};

const draftOf = (patch: Partial<Draft> = {}): Draft => {
  const doc = opened();
  doc.buses = [
    { id: "B1", name: "Main", vn_kv: 10 },
    doc.buses[1] as Draft["doc"]["buses"][number],
    { id: "B3", vn_kv: 0.4 },
  ];
  doc.external_grids = [];
  return { projectId: "p1", baseVersion: 3, savedAt: "2026-12-02T20:00:00.000Z", doc, layout: {}, ...patch };
};

describe("draft store", () => {
  it("keeps a draft per project and base version and gives back the newest of the project", () => {
    const storage = memoryStorage();
    expect(keepDraft(storage, draftOf())).toBe(true);
    expect(keepDraft(storage, draftOf({ baseVersion: 4, savedAt: "2026-12-02T20:05:00.000Z" }))).toBe(true);
    expect(keepDraft(storage, draftOf({ projectId: "p2", savedAt: "2026-12-02T21:00:00.000Z" }))).toBe(true);
    expect(storage.getItem(draftKey("p1", 3))).not.toBeNull();
    expect(storage.getItem(draftKey("p1", 4))).not.toBeNull();
    const newest = newestDraft(storage, "p1");
    expect(newest?.baseVersion).toBe(4);
    expect(newest?.doc.buses.map((b) => b.id)).toEqual(["B1", "B2", "B3"]);
  });

  it("keeps a draft of a never-saved project under its own key", () => {
    const storage = memoryStorage();
    keepDraft(storage, draftOf({ baseVersion: null }));
    expect(storage.getItem(draftKey("p1", null))).not.toBeNull();
    expect(newestDraft(storage, "p1")?.baseVersion).toBeNull();
  });

  it("forgets every draft of one project only", () => {
    const storage = memoryStorage();
    keepDraft(storage, draftOf());
    keepDraft(storage, draftOf({ baseVersion: 4 }));
    keepDraft(storage, draftOf({ projectId: "p2" }));
    forgetDrafts(storage, "p1");
    expect(newestDraft(storage, "p1")).toBeNull();
    expect(newestDraft(storage, "p2")?.projectId).toBe("p2");
  });

  it("says false when the storage refuses the draft (full), instead of throwing", () => {
    const storage = memoryStorage(100);
    expect(keepDraft(storage, draftOf())).toBe(false);
    expect(newestDraft(storage, "p1")).toBeNull();
  });

  it("treats an unreadable or foreign entry as no draft", () => {
    const storage = memoryStorage();
    storage.setItem(draftKey("p1", 1), "{not json");
    storage.setItem(draftKey("p1", 2), JSON.stringify({ projectId: "p1", baseVersion: 2 }));
    // Another project's draft stored under this project's key (a tampered entry) is not offered.
    storage.setItem(draftKey("p1", 5), JSON.stringify(draftOf({ projectId: "p9" })));
    expect(newestDraft(storage, "p1")).toBeNull();
  });
});

describe("describeDraft: what restoring changes, in words", () => {
  it("lists added, removed and changed elements with the changed fields, from the draft's version", () => {
    const summary = describeDraft(draftOf(), opened(), 3);
    expect(summary.origin).toBe("made on version 3");
    expect(summary.newerVersion).toBeNull();
    expect(summary.changes).toBe("1 added (B3), 1 removed (G1), 1 changed (B1: vn_kv)");
  });

  it("warns when a newer version was saved since the draft was made", () => {
    expect(describeDraft(draftOf(), opened(), 5).newerVersion).toBe(5);
    expect(describeDraft(draftOf({ baseVersion: null }), opened(), 1)).toMatchObject({
      origin: "made before the first save",
      newerVersion: 1,
    });
  });

  it("names a network property change and a positions-only draft", () => {
    const renamed = { ...opened(), name: "Plant 2" };
    expect(describeDraft(draftOf({ doc: renamed }), opened(), 3).changes).toBe("network name changed");
    expect(
      describeDraft(draftOf({ doc: opened(), layout: { L1: { x: 1, y: 2 } } }), opened(), 3).changes,
    ).toBe("positions on the diagram only");
  });

  it("shortens long lists", () => {
    const doc = opened();
    doc.buses = [...doc.buses, ...Array.from({ length: 7 }, (_, i) => ({ id: `N${i}`, vn_kv: 0.4 }))];
    expect(describeDraft(draftOf({ doc }), opened(), 3).changes).toBe(
      "7 added (N0, N1, N2, N3, N4 and 2 more)",
    );
  });
});

describe("the question before an import drops unsaved edits", () => {
  it("names the unsaved changes and the version they were made on", () => {
    const saved = opened();
    const now = draftOf().doc;
    const question = importLossQuestion(now, saved, 2);
    expect(question).toContain(
      "unsaved changes since version 2: 1 added (B3), 1 removed (G1), 1 changed (B1: vn_kv)",
    );
    expect(question).toMatch(/only Undo brings them back/);
    expect(importLossQuestion(now, saved, null)).toContain("(never saved)");
  });
});
