// The printed tables group rows that say the same thing about many elements (group.ts): the
// model keeps one entry per element, the report lists the elements in one row.

import { describe, expect, it } from "vitest";
import { elementList, GROUP_LISTED } from "../src/report/group.ts";
import { reportSections } from "../src/report/tables.ts";
import { plantModel } from "./report-model.ts";

const model = plantModel();
const sections = reportSections(model);
const tableOf = (section: string, title: string | undefined) =>
  sections.find((s) => s.id === section)?.tables.find((t) => t.title === title);

describe("grouped rows", () => {
  it("prints an arc-flash default shared by several buses once, naming the buses", () => {
    const rows = tableOf("inputs", "Defaulted and assumed values")?.rows ?? [];
    const vcb = model.inputs.assumptions
      .filter((a) => a.text === "config: VCB (enclosed equipment)")
      .map((a) => a.element);
    expect(vcb.length).toBeGreaterThan(1);
    expect(rows).toContainEqual([
      "arc flash",
      `${vcb.join(", ")} (${vcb.length})`,
      "config: VCB (enclosed equipment)",
    ]);
    expect(rows.length).toBeLessThan(model.inputs.assumptions.length);
  });

  it("keeps checks with a number one per row and groups the checks without a rating", () => {
    const duty = sections.find((s) => s.id === "duty");
    const [rated, missing] = duty?.tables ?? [];
    expect(rated?.rows.length).toBe(model.duty?.filter((c) => c.status !== "missing rating").length);
    expect(missing?.title).toBe("Checks without a rating");
    const shortTime = model.duty?.filter(
      (c) =>
        c.status === "missing rating" &&
        c.check === "short_time" &&
        c.notes.join("; ") === "short_time_ka not set",
    );
    expect(missing?.rows).toContainEqual([
      "circuit breaker",
      "short time",
      `${shortTime?.map((c) => c.element).join(", ")} (${shortTime?.length})`,
      "short_time_ka not set",
    ]);
  });

  it("lists the first elements of a long group and counts the rest", () => {
    const ids = Array.from({ length: GROUP_LISTED + 3 }, (_, i) => `b${i}`);
    expect(elementList(ids)).toBe(`${ids.slice(0, GROUP_LISTED).join(", ")} and 3 more (${ids.length})`);
    expect(elementList(["only"])).toBe("only");
  });
});
