import {
  ARC_FLASH_CSV_COLUMNS,
  type ArcFlashResult,
  NETWORK_SCHEMA_ID,
  networkDocumentSchema,
  type ShortCircuitResult,
  shortCircuitOptionsSchema,
  validateNetwork,
} from "@ampflux/contracts";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { effectiveColourBy } from "../src/editor/ColourLegend.tsx";
import { diagramDecorations } from "../src/editor/canvas/decorations.ts";
import { normalizeDocument } from "../src/editor/model/document.ts";
import { removeElements, renameElement } from "../src/editor/model/edit.ts";
import {
  arcFlashBand,
  arcFlashLabels,
  arcFlashSummary,
  DEFAULT_ARC_FLASH_SORT,
  devicesText,
  labelStudy,
  sortArcFlash,
} from "../src/results/arc-flash.ts";
import { arcFlashCsv, arcFlashJson, studyDescription } from "../src/results/export.ts";
import {
  DEFAULT_STUDY_OPTIONS,
  loadStudyOptions,
  optionMessages,
  saveStudyOptions,
  withArcFlash,
} from "../src/results/study-options.ts";

// What the Arc flash tab, the diagram and the labels make of the engine's per-bus results; the
// numbers themselves are the engine's (its tests hold IEEE 1584-2018 Annex D).

/** A computed bus: energy in cal/cm² with the engine's PPE category (NFPA 70E Table 130.7(C)(15)(c) bands). */
function result(bus: string, cal: number | null, extra: Partial<ArcFlashResult> = {}): ArcFlashResult {
  const category =
    cal === null || cal < 1.2 || cal > 40 ? null : cal <= 4 ? 1 : cal <= 8 ? 2 : cal <= 25 ? 3 : 4;
  return {
    bus,
    voc_kv: 0.48,
    status: cal === null ? "out_of_range" : "ok",
    reason: cal === null ? "gap_mm: 300 mm is outside 6.35–76.2 mm (§4.2)" : null,
    equipment: "switchgear",
    config: "VCB",
    gap_mm: 32,
    distance_mm: 609.6,
    height_mm: 508,
    width_mm: 508,
    depth_mm: 508,
    enclosure: "typical",
    cf: 1,
    defaulted: ["gap_mm: 32 mm, IEEE 1584-2018 Table 8 (LV switchgear)"],
    ibf_ka: 45,
    iarc_ka: cal === null ? null : 30,
    time_ms: cal === null ? null : 61.3,
    e_j_cm2: cal === null ? null : cal * 4.184,
    afb_mm: cal === null ? null : 1000,
    iarc_min_ka: cal === null ? null : 26,
    time_min_ms: cal === null ? null : 319,
    e_min_j_cm2: null,
    afb_min_mm: null,
    governing: cal === null ? null : "full",
    energy_j_cm2: cal === null ? null : cal * 4.184,
    energy_cal_cm2: cal,
    boundary_mm: cal === null ? null : 1000 + cal,
    ppe_category: category,
    ppe: cal === null ? null : category === null ? "no category" : `PPE category ${category}`,
    hazard: cal === null ? null : cal > 40 ? "danger" : "warning",
    limited_approach_mm: 1000,
    restricted_approach_mm: 300,
    devices: [
      {
        switch: "Q1",
        via: "found",
        current_ka: 30,
        current_min_ka: 26,
        time_ms: 61.3,
        time_min_ms: 319,
      },
    ],
    notes: [],
    ...extra,
  };
}

const RESULTS = [
  result("B1", 0.8),
  result("B2", 3.9),
  result("B3", 8.1),
  result("B10", 47),
  result("B4", null),
  result("B5", null, { status: "no_device", reason: "no protective device clears the bus" }),
  result("B6", 25),
];

describe("arc-flash bands", () => {
  it("puts a bus in its PPE category's band, above 40 cal/cm² in danger, without a number in none", () => {
    expect(RESULTS.map(arcFlashBand)).toEqual(["below", "ppe1", "ppe3", "danger", "none", "none", "ppe3"]);
    // 8.1 cal/cm² lies above category 2's 8 cal/cm² rating: category 3 (25 cal/cm²).
    expect(arcFlashBand(result("x", 8))).toBe("ppe2");
  });

  it("counts buses per band and per reason for no number", () => {
    const summary = arcFlashSummary(RESULTS);
    expect(summary).toMatchObject({
      total: 7,
      below: 1,
      ppe1: 1,
      ppe2: 0,
      ppe3: 2,
      ppe4: 0,
      danger: 1,
      none: 2,
      out_of_range: 1,
      no_device: 1,
      missing_data: 0,
      unfed: 0,
    });
  });
});

describe("the Arc flash table", () => {
  it("sorts by energy, highest first, buses without a number last in either direction", () => {
    const down = sortArcFlash(RESULTS, DEFAULT_ARC_FLASH_SORT).map((r) => r.bus);
    expect(down).toEqual(["B10", "B6", "B3", "B2", "B1", "B4", "B5"]);
    const up = sortArcFlash(RESULTS, { key: "energy_cal_cm2", descending: false }).map((r) => r.bus);
    expect(up).toEqual(["B1", "B2", "B3", "B6", "B10", "B4", "B5"]);
  });

  it("sorts bus ids in natural order (B2 before B10)", () => {
    expect(sortArcFlash(RESULTS, { key: "bus", descending: false }).map((r) => r.bus)).toEqual([
      "B1",
      "B2",
      "B3",
      "B4",
      "B5",
      "B6",
      "B10",
    ]);
  });

  it("names the devices and marks those the engineer set", () => {
    const set = result("B7", 2, {
      devices: [
        { switch: "Q2", via: "set", current_ka: 1, current_min_ka: 1, time_ms: 1, time_min_ms: 1 },
        { switch: "Q3", via: "found", current_ka: 1, current_min_ka: 1, time_ms: 1, time_min_ms: 1 },
      ],
    });
    expect(devicesText(set)).toBe("Q2 (set), Q3");
  });
});

describe("arc-flash downloads", () => {
  it("writes the contract's arc-flash columns after a line naming the study and its duration cap", () => {
    const options = shortCircuitOptionsSchema.parse({ arc_flash: true });
    const study = { standard: "IEC 60909-0:2016", options } as ShortCircuitResult;
    const lines = arcFlashCsv(studyDescription(study), RESULTS).split("\n");
    expect(lines[0]).toBe(
      "# IEC 60909-0:2016, fault 3ph, case max, kappa C, tmin 0.1 s, tk 1 s, arc flash IEEE 1584-2018 cap 2 s",
    );
    expect(lines[1]).toBe(ARC_FLASH_CSV_COLUMNS.join(","));
    expect(lines.filter((l) => l.startsWith("B3,0.48,ok,"))).toHaveLength(1);
    const uncapped = shortCircuitOptionsSchema.parse({ arc_flash: true, arc_flash_max_duration_s: null });
    expect(studyDescription({ ...study, options: uncapped })).toMatch(/no duration cap$/);
  });

  it("writes JSON with what computed the results", () => {
    const json = JSON.parse(arcFlashJson({ standard: "IEC 60909-0:2016" }, RESULTS)) as {
      standard: string;
      arc_flash: ArcFlashResult[];
    };
    expect(json.standard).toBe("IEC 60909-0:2016");
    expect(json.arc_flash.map((r) => r.bus)).toEqual(RESULTS.map((r) => r.bus));
  });
});

describe("labels", () => {
  it("says the project, the network with its version and the local date", () => {
    const date = new Date(2026, 11, 2, 23, 30);
    expect(labelStudy({ project: "Plant A", network: "Main", version: 3, dirty: false, date })).toEqual({
      project: "Plant A",
      network: "Main v3",
      study_date: "2026-12-02",
    });
    expect(labelStudy({ project: "P", network: "N", version: 3, dirty: true, date }).network).toBe(
      "N v3 with unsaved changes",
    );
    expect(labelStudy({ project: "P", network: "N", version: null, dirty: true, date }).network).toBe(
      "N unsaved",
    );
  });

  it("makes a label for each bus with a number, named from the network", () => {
    const study = { project: "P", network: "N v1", study_date: "2026-12-02" };
    const labels = arcFlashLabels(RESULTS, study, new Map([["B3", "MCC-3"]]));
    expect(labels.map((l) => l.bus)).toEqual(["B1", "B2", "B3", "B10", "B6"]);
    expect(labels.find((l) => l.bus === "B3")?.title).toBe("MCC-3 (B3)");
    expect(labels.find((l) => l.bus === "B10")?.hazard).toBe("danger");
  });
});

describe("the diagram by arc flash", () => {
  const doc = normalizeDocument({ schema: NETWORK_SCHEMA_ID, name: "n", frequency_hz: 50 });
  const study: ShortCircuitResult = {
    standard: "IEC 60909-0:2016",
    options: shortCircuitOptionsSchema.parse({ arc_flash: true }),
    buses: [],
    branches: [],
    arc_flash: RESULTS,
    warnings: [],
    timings: {},
  };
  const decorate = (mode: "current" | "arc_flash") =>
    diagramDecorations({
      result: study,
      mode,
      excluded: [],
      diff: null,
      doc,
      validation: validateNetwork(doc),
    });

  it("colours each bus by its band, grey without a number, only in the arc-flash mode", () => {
    const arc = decorate("arc_flash").arcFlash;
    expect(arc.get("B3")).toMatchObject({ energyCalCm2: 8.1, colour: "#dc2626", ppe: "PPE category 3" });
    expect(arc.get("B4")).toMatchObject({ energyCalCm2: null, status: "out_of_range", colour: "#94a3b8" });
    expect(decorate("current").arcFlash.size).toBe(0);
  });

  it("keeps the chosen colouring while its results exist, else falls back to one that does", () => {
    expect(effectiveColourBy("duty", ["current", "duty", "arc_flash"])).toBe("duty");
    expect(effectiveColourBy("duty", ["current", "arc_flash"])).toBe("arc_flash");
    expect(effectiveColourBy("arc_flash", ["current"])).toBe("current");
    expect(effectiveColourBy("current", ["current", "duty"])).toBe("current");
  });
});

describe("arc-flash study options", () => {
  it("selects and keeps the 3-phase fault when arc flash is turned on", () => {
    const on = withArcFlash({ ...DEFAULT_STUDY_OPTIONS, fault: "1ph" }, true);
    expect(on).toMatchObject({ arc_flash: true, fault: "3ph", arc_flash_max_duration_s: 2 });
    expect(withArcFlash(on, false)).toMatchObject({ arc_flash: false, fault: "3ph" });
  });

  it("refuses a duration cap beyond the contract's 60 s beside the field, and shows the engine's refusal", () => {
    const options = { ...DEFAULT_STUDY_OPTIONS, arc_flash: true, arc_flash_max_duration_s: 90 };
    expect([...optionMessages(options, []).keys()]).toEqual(["arc_flash_max_duration_s"]);
    expect(optionMessages({ ...options, arc_flash_max_duration_s: null }, []).size).toBe(0);
    const engine = optionMessages({ ...DEFAULT_STUDY_OPTIONS, arc_flash: true }, [
      { path: ["arc_flash"], message: 'arc flash needs the 3-phase fault: use fault "3ph"' },
    ]);
    expect(engine.get("arc_flash")).toEqual(['arc flash needs the 3-phase fault: use fault "3ph"']);
  });
});

describe("arc-flash options kept per project", () => {
  const store = new Map<string, string>();
  beforeEach(() => {
    store.clear();
    vi.stubGlobal("localStorage", {
      getItem: (key: string) => store.get(key) ?? null,
      setItem: (key: string, value: string) => store.set(key, value),
    });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('keeps arc flash, its cap and "no cap" (null) across visits', () => {
    saveStudyOptions("p1", { ...DEFAULT_STUDY_OPTIONS, arc_flash: true, arc_flash_max_duration_s: 1.5 });
    expect(loadStudyOptions("p1")).toMatchObject({ arc_flash: true, arc_flash_max_duration_s: 1.5 });
    saveStudyOptions("p1", { ...DEFAULT_STUDY_OPTIONS, arc_flash: true, arc_flash_max_duration_s: null });
    expect(loadStudyOptions("p1").arc_flash_max_duration_s).toBeNull();
  });

  it("falls back to the defaults (off, 2 s) for values of the wrong type", () => {
    store.set(
      "ampflux:study-options:p2",
      JSON.stringify({ arc_flash: "yes", arc_flash_max_duration_s: "2" }),
    );
    expect(loadStudyOptions("p2")).toMatchObject({ arc_flash: false, arc_flash_max_duration_s: 2 });
  });
});

describe("arc-flash devices follow their switches", () => {
  const network = () =>
    normalizeDocument({
      schema: NETWORK_SCHEMA_ID,
      name: "n",
      frequency_hz: 50,
      buses: [
        { id: "B1", vn_kv: 0.48, arc_flash: { gap_mm: 25, devices: ["Q1", "Q2"] } },
        { id: "B2", vn_kv: 0.48, arc_flash: { devices: ["Q1"] } },
      ],
      switches: [
        { id: "Q1", bus: "B1", element: "B2", element_type: "bus" },
        { id: "Q2", bus: "B1", element: "B2", element_type: "bus" },
      ],
    });

  it("renames a switch in every bus's device list", () => {
    const renamed = renameElement(network(), "Q1", "QF1");
    expect(renamed.buses.map((b) => b.arc_flash)).toEqual([
      { gap_mm: 25, devices: ["QF1", "Q2"] },
      { devices: ["QF1"] },
    ]);
    expect(networkDocumentSchema.safeParse(renamed).success).toBe(true);
  });

  it("drops a deleted switch, and a list (or arc_flash) it leaves empty", () => {
    const removed = removeElements(network(), ["Q1"]);
    expect(removed.buses[0]?.arc_flash).toEqual({ gap_mm: 25, devices: ["Q2"] });
    expect("arc_flash" in (removed.buses[1] ?? {})).toBe(false);
    expect(validateNetwork(removed).errors).toEqual([]);
  });
});
