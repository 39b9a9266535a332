// buildReportModel from a real study: what each section carries, taken from the engine's result
// and the documents, and the diagram's colour key and geometry.

import { describe, expect, it } from "vitest";
import { buildReportModel } from "../src/report/build-model.ts";
import { colourOf, currentKey, energyKey } from "../src/report/colour-key.ts";
import { DIAGRAM_LABEL_LIMIT, diagramGeometry } from "../src/report/diagram-layout.ts";
import { plantSources, plantStudy, ratedPlant } from "./report-model.ts";

describe("buildReportModel", () => {
  const sources = plantSources();
  const model = buildReportModel(sources);

  it("puts duty violations first and every computed bus's label in the appendix", () => {
    const statuses = model.duty?.map((c) => c.status) ?? [];
    expect(statuses.slice(0, 3)).toEqual(["overdutied", "overdutied", "overdutied"]);
    expect(statuses.at(-1)).toBe("missing rating");
    const ok = model.arc_flash?.results.filter((r) => r.status === "ok").map((r) => r.bus);
    expect(model.arc_flash?.labels.map((l) => l.bus)).toEqual(ok);
    expect(model.arc_flash?.labels[0]?.study).toEqual({
      project: "Plant A",
      network: "Arc-flash plant v7",
      study_date: "2026-12-01",
    });
  });

  it("lists every defaulted value: arc-flash defaults, duty notes once per element, network warnings", () => {
    const { assumptions } = model.inputs;
    const panel = model.arc_flash?.results.find((r) => r.bus === "panel");
    for (const text of panel?.defaulted ?? [])
      expect(assumptions).toContainEqual({ source: "arc_flash", element: "panel", text });
    expect(
      assumptions.filter((a) => a.element === "Q1" && a.text === "dc_time_constant_ms defaulted to 45 ms"),
    ).toHaveLength(1);
    expect(assumptions.filter((a) => a.source === "network")).toHaveLength(model.warnings.length);
    expect(model.inputs.element_counts).toEqual({
      buses: 6,
      external_grids: 1,
      transformers: 2,
      lines: 3,
      switches: 5,
    });
  });

  it("colours the diagram by arc-flash energy when the study has it, each bus in its band", () => {
    expect(model.diagram.quantity).toBe("energy_cal_cm2");
    for (const bus of model.diagram.buses) {
      const row = model.arc_flash?.results.find((r) => r.bus === bus.id);
      expect(bus.value).toBe(row?.energy_cal_cm2 ?? null);
      expect(bus.colour).toBe(colourOf(bus.value, model.diagram.key));
    }
  });

  it("colours by I''k without arc flash, and keeps branch results only when asked and computed", () => {
    const result = { ...plantStudy(), arc_flash: undefined };
    const plain = buildReportModel({
      ...sources,
      include_branches: true,
      study: { ...sources.study, result },
    });
    expect(plain.diagram.quantity).toBe("ikss_ka");
    expect(plain.arc_flash).toBeNull();
    expect(plain.branch_results).toBeNull();
    expect(plain.methods.some((m) => m.feature === "arc_flash")).toBe(false);
    expect(plain.diagram.buses.find((b) => b.id === "swbd")?.value).toBe(
      result.buses.find((b) => b.bus === "swbd")?.ikss_ka,
    );
  });

  it("colours by I''k when arc flash ran but no bus has an energy (all out of range)", () => {
    const study = plantStudy();
    const arc_flash = study.arc_flash?.map((r) => ({
      ...r,
      status: "out_of_range" as const,
      energy_cal_cm2: null,
      energy_j_cm2: null,
    }));
    const hv = buildReportModel({ ...sources, study: { ...sources.study, result: { ...study, arc_flash } } });
    expect(hv.diagram.quantity).toBe("ikss_ka");
    expect(hv.arc_flash?.labels).toEqual([]);
  });

  it("says the first report has no previous version and leaves unsigned roles pending", () => {
    const first = buildReportModel({ ...sources, previous: null, approvals: [] });
    expect(first.revision).toEqual({ previous: null, changes: [] });
    expect(first.approvals).toEqual([
      { role: "prepared", user: null, at: null },
      { role: "checked", user: null, at: null },
      { role: "approved", user: null, at: null },
    ]);
  });
});

describe("colour keys", () => {
  it("bands energy at the boundary and the PPE category ratings (1.2, 4, 8, 25, 40 cal/cm²)", () => {
    expect(energyKey().map((b) => b.label)).toEqual([
      "< 1.2 cal/cm²",
      "1.2 – 4 cal/cm²",
      "4 – 8 cal/cm²",
      "8 – 25 cal/cm²",
      "25 – 40 cal/cm²",
      "≥ 40 cal/cm²",
    ]);
    expect(colourOf(8, energyKey())).toBe(energyKey()[3]?.colour);
  });

  it("bands currents in five round steps up to the largest", () => {
    expect(currentKey([3.2, 24.58]).map((b) => [b.from, b.to])).toEqual([
      [0, 5],
      [5, 10],
      [10, 15],
      [15, 20],
      [20, null],
    ]);
  });
});

describe("diagramGeometry", () => {
  const model = buildReportModel(plantSources());

  it("uses geo positions as given, scaled uniformly into the box", () => {
    const geo = {
      ...model.diagram,
      buses: model.diagram.buses.map((b, i) => ({ ...b, geo: { x: i * 10, y: (i % 2) * 5 } })),
    };
    const g = diagramGeometry(geo, 180, 200);
    expect(g.positions).toBe("geo positions");
    const [a, b, c] = g.buses;
    // x steps of 10 and y steps of 5 keep their 2:1 ratio after scaling.
    expect(((b?.x ?? 0) - (a?.x ?? 0)) / ((b?.y ?? 0) - (a?.y ?? 0))).toBeCloseTo(2, 9);
    expect(c?.y).toBeCloseTo(a?.y ?? Number.NaN, 9);
    for (const bus of g.buses) expect(bus.x).toBeLessThanOrEqual(180);
  });

  it("lays out buses without geo, deterministically, and draws every branch", () => {
    const g1 = diagramGeometry(model.diagram, 180, 200);
    const g2 = diagramGeometry(model.diagram, 180, 200);
    expect(g1.positions).toMatch(/force-directed/);
    expect(g1.buses).toEqual(g2.buses);
    expect(g1.branches).toHaveLength(ratedPlant.lines.length + ratedPlant.transformers.length);
    expect(new Set(g1.buses.map((b) => `${b.x.toFixed(1)},${b.y.toFixed(1)}`)).size).toBe(6);
  });

  it(`names buses up to ${DIAGRAM_LABEL_LIMIT} and none above`, () => {
    const template = model.diagram.buses[0];
    if (!template) throw new Error("no bus");
    const many = Array.from({ length: DIAGRAM_LABEL_LIMIT + 1 }, (_, i) => ({
      ...template,
      id: `b${i}`,
      geo: { x: i, y: i % 7 },
    }));
    expect(
      diagramGeometry({ ...model.diagram, buses: many, branches: [] }, 180, 200).buses.every(
        (b) => b.label === null,
      ),
    ).toBe(true);
    expect(diagramGeometry(model.diagram, 180, 200).buses[0]?.label).toMatch(/cal\/cm²$/);
  });
});
