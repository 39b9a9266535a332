import { describe, expect, it } from "vitest";
import {
  REPORT_APPROVAL_ROLES,
  REPORT_METHODS,
  REPORT_SECTIONS,
  REPORT_STATUSES,
  reportMethods,
  reportOptionsSchema,
  revisionChangeLines,
} from "../src/reports/index.ts";
import { diffDocuments } from "../src/versions.ts";

describe("reportOptionsSchema", () => {
  it("defaults to an A4 PDF without branch results", () => {
    expect(reportOptionsSchema.parse({})).toEqual({ paper: "A4", include_branches: false, format: "pdf" });
  });

  it("refuses an unknown paper, naming the field", () => {
    const parsed = reportOptionsSchema.safeParse({ paper: "A3" });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(["paper"]);
  });

  it("refuses unknown fields", () => {
    expect(reportOptionsSchema.safeParse({ paper: "Letter", colour: true }).success).toBe(false);
  });
});

describe("report names", () => {
  it("signs in the order prepared, checked, approved and has the job states of issue 20", () => {
    expect(REPORT_APPROVAL_ROLES).toEqual(["prepared", "checked", "approved"]);
    expect(REPORT_STATUSES).toEqual(["queued", "running", "done", "failed"]);
  });

  it("orders sections as issue 20 lists them, with the labels as the appendix", () => {
    const ids = REPORT_SECTIONS.map((s) => s.id);
    expect(ids.indexOf("duty")).toBeLessThan(ids.indexOf("arc_flash"));
    expect(ids.indexOf("methods")).toBeLessThan(ids.indexOf("revision"));
    expect(ids.at(-1)).toBe("labels");
  });
});

describe("reportMethods", () => {
  it("cites the clauses of the features the study used, short circuit first", () => {
    const methods = reportMethods(["arc_flash", "short_circuit"]);
    expect(methods[0]?.feature).toBe("short_circuit");
    expect(methods.some((m) => m.feature === "duty")).toBe(false);
    expect(methods.map((m) => m.reference)).toContain("IEEE 1584-2018 §6.9.1");
    expect(methods.length).toBe(REPORT_METHODS.short_circuit.length + REPORT_METHODS.arc_flash.length);
  });
});

describe("revisionChangeLines", () => {
  const before = {
    name: "Plant",
    buses: [
      { id: "b1", vn_kv: 20 },
      { id: "b2", vn_kv: 0.4 },
    ],
    lines: [{ id: "l1", from_bus: "b1", to_bus: "b2", length_km: 1.2 }],
  };

  it("gives one line per collection and kind, with changed fields", () => {
    const after = {
      name: "Plant B",
      buses: [
        { id: "b1", vn_kv: 20 },
        { id: "b3", vn_kv: 0.4 },
      ],
      lines: [{ id: "l1", from_bus: "b1", to_bus: "b2", length_km: 1.5 }],
    };
    expect(revisionChangeLines(diffDocuments(before, after))).toEqual([
      "buses: 1 added (b3)",
      "buses: 1 removed (b2)",
      "lines: 1 changed (l1 (length_km))",
      "network properties changed: name",
    ]);
  });

  it("lists the first ids of a long change and counts the rest", () => {
    const after = {
      ...before,
      buses: [...before.buses, ...Array.from({ length: 10 }, (_, i) => ({ id: `n${i}`, vn_kv: 0.4 }))],
    };
    expect(revisionChangeLines(diffDocuments(before, after))).toEqual([
      "buses: 10 added (n0, n1, n2, n3, n4, n5, n6, n7 and 2 more)",
    ]);
  });

  it("says so when nothing changed", () => {
    expect(revisionChangeLines(diffDocuments(before, before))).toEqual(["No changes"]);
  });
});
