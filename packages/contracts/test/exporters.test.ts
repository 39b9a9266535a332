import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  exportFormatSchema,
  exportMatpower,
  exportNetworkFile,
  exportPandapower,
  importMatpower,
  importNetworkFile,
  importPandapower,
  importPsse,
} from "../src/importers/index.ts";
import {
  type EquipmentType,
  type NetworkDocument,
  networkDocumentSchema,
  TypeLibrary,
  validateNetwork,
} from "../src/index.ts";
import { ratedSwitchboard } from "../src/testing/index.ts";

const CASES = new URL("../../../../shared/data/matpower/", import.meta.url);
const CASE_NAMES = readdirSync(CASES).filter((f) => f.endsWith(".m"));
const PANDAPOWER = readFileSync(
  new URL("fixtures/pandapower/IEC60909-4_example.json", import.meta.url),
  "utf8",
);
const psse = (name: string) =>
  importPsse(readFileSync(new URL(`fixtures/psse/${name}.raw`, import.meta.url), "utf8")).document;

/** Numbers equal to 1e-9 relative (or 1e-12 absolute): MATPOWER stores per-unit values, so units are re-derived. */
function expectClose(actual: unknown, expected: unknown, path = "document"): void {
  if (typeof expected === "number" && typeof actual === "number") {
    const tolerance = Math.max(1e-12, 1e-9 * Math.abs(expected));
    if (Math.abs(actual - expected) > tolerance) expect.fail(`${path}: ${actual} ≠ ${expected}`);
    return;
  }
  if (typeof expected !== "object" || expected === null || typeof actual !== "object" || actual === null) {
    expect(actual, path).toEqual(expected);
    return;
  }
  const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
  for (const key of keys) {
    expectClose(
      (actual as Record<string, unknown>)[key],
      (expected as Record<string, unknown>)[key],
      `${path}.${key}`,
    );
  }
}

describe("exportPandapower", () => {
  it("round-trips the pandapower fixture and PSS/E-imported documents through pandapower's format", () => {
    const fromPandapower = importPandapower(PANDAPOWER).document;
    expect(importPandapower(exportPandapower(fromPandapower)).document).toEqual(fromPandapower);
    for (const name of ["IEEE14_PTIv33_rated", "kundur-twoarea_v33"]) {
      const doc = psse(name);
      const back = importPandapower(exportPandapower(doc)).document;
      // Ids are renumbered in pandapower's style; everything else comes back unchanged.
      expect(validateNetwork(back).errors).toEqual([]);
      expect(back.lines.map(({ id: _, ...line }) => line)).toEqual(
        doc.lines.map(({ id: _, ...line }) => line),
      );
      expect(back.transformers.map((t) => t.vk_percent)).toEqual(doc.transformers.map((t) => t.vk_percent));
    }
  });

  it("writes pandapower's wrapped to_json form with split-orient frames", () => {
    const net = JSON.parse(exportPandapower(importPandapower(PANDAPOWER).document));
    expect(net).toMatchObject({ _module: "pandapower.auxiliary", _class: "pandapowerNet" });
    expect(net._object.bus).toMatchObject({ _class: "DataFrame", orient: "split" });
    expect(JSON.parse(net._object.bus._object).index).toEqual([0, 1, 2, 3, 4, 5]);
    expect(net._object.f_hz).toBe(50);
  });
});

/** The rated switchboard with one switch of each kind (Q1 is its circuit breaker) and a typed transformer. */
function ratedWithEveryKind(): NetworkDocument {
  const doc = networkDocumentSchema.parse(ratedSwitchboard);
  const [q1] = doc.switches;
  if (!q1) throw new Error("ratedSwitchboard has a breaker");
  const kinds = ["switch_disconnector", "disconnector", "fuse", "contactor"] as const;
  return {
    ...doc,
    transformers: doc.transformers.map((t) => ({ ...t, type: "63 MVA 110/20 kV" })),
    switches: [
      { ...q1, rated_current_ka: 1.25 },
      ...kinds.map((kind, i) => ({
        id: `S${i}`,
        bus: "f1",
        element: "L1",
        element_type: "line" as const,
        closed: true,
        kind,
      })),
    ],
  };
}

/** A frame of the exported pandapower JSON, as pandas would read it (split orient). */
function exportedFrame(text: string, table: string) {
  const frame = JSON.parse(JSON.parse(text)._object[table]._object) as {
    columns: string[];
    data: unknown[][];
  };
  return (column: string) => frame.data.map((row) => row[frame.columns.indexOf(column)]);
}

describe("exportPandapower of switch kinds, rated currents and types", () => {
  const doc = ratedWithEveryKind();
  const text = exportPandapower(doc);

  it("writes kinds as pandapower switch types and rated_current_ka as in_ka", () => {
    const column = exportedFrame(text, "switch");
    // fuse and contactor have no pandapower switch type.
    expect(column("type")).toEqual(["CB", "LBS", "DS", null, null]);
    expect(column("in_ka")).toEqual([1.25, null, null, null, null]);
  });

  it("writes line and transformer types as std_type by name", () => {
    expect(exportedFrame(text, "line")("std_type")).toEqual(["NA2XS2Y 1x240 RM/25 12/20 kV"]);
    expect(exportedFrame(text, "trafo")("std_type")).toEqual(["63 MVA 110/20 kV"]);
  });

  it("imports back with the kinds, rated currents and types that pandapower can hold", () => {
    const back = importPandapower(text).document;
    expect(back.switches.map((s) => s.kind)).toEqual([
      "circuit_breaker",
      "switch_disconnector",
      "disconnector",
      undefined,
      undefined,
    ]);
    expect(back.switches[0]?.rated_current_ka).toBe(1.25);
    expect(back.lines[0]?.type).toBe(doc.lines[0]?.type);
    expect(back.transformers[0]?.type).toBe("63 MVA 110/20 kV");
    // The other ratings have no pandapower column; the switch's breaking rating is not invented from in_ka.
    expect(back.switches[0]).not.toHaveProperty("breaking_ka");
    expect(back.buses.filter((b) => b.type !== undefined)).toEqual([]);
    // Exported again, the file is the same: the round trip is stable.
    expect(exportPandapower(back)).toBe(exportPandapower(importPandapower(exportPandapower(back)).document));
  });

  it("writes a company type's name, which imports back to its id with the same library", () => {
    const company: EquipmentType = {
      id: "5d0c6a4e-2f1b-4d8e-8c3a-9e7b6f5a4d21",
      kind: "line",
      name: "Site cable 3x240 Al XLPE",
      source: "datasheet",
      builtin: false,
      values: { conductor: "al", insulation: "xlpe", cross_section_mm2: 240 },
    };
    const library = new TypeLibrary([company]);
    const typed = { ...doc, lines: doc.lines.map((l) => ({ ...l, type: company.id })) };
    const exported = exportPandapower(typed, library);
    expect(exportedFrame(exported, "line")("std_type")).toEqual(["Site cable 3x240 Al XLPE"]);
    expect(importPandapower(exported, {}, library).document.lines[0]?.type).toBe(company.id);
    // Without the library the id means nothing to pandapower: no std_type is written.
    expect(exportedFrame(exportPandapower(typed), "line")("std_type")).toEqual([null]);
  });
});

describe("exportMatpower", () => {
  it.each(CASE_NAMES)("%s: import → export → import gives the first import", (file) => {
    const text = readFileSync(new URL(file, CASES), "utf8");
    const first = importMatpower(text).document;
    const again = importMatpower(exportMatpower(first)).document;
    expectClose(again, first);
  });

  it("keeps the frequency in the header and round-trips it with the import option", () => {
    const doc = importMatpower(readFileSync(new URL("case9.m", CASES), "utf8"), {
      frequency_hz: 60,
    }).document;
    const text = exportMatpower(doc);
    expect(text).toMatch(/60 Hz/);
    expectClose(importMatpower(text, { frequency_hz: 60 }).document, doc);
  });

  it("writes a lossy but valid case for documents with short-circuit-only data, and says what it left out", () => {
    const doc = importPandapower(PANDAPOWER).document;
    const text = exportMatpower(doc);
    // A MATPOWER case cannot hold vector groups, zero sequence data or switches.
    expect(text).toMatch(/transformer vector groups and zero-sequence data/);
    // …nor ratings: the fixture's twelve disconnectors have a kind.
    expect(text).toMatch(/%\s+12 elements' types and short-circuit ratings/);
    expect(text).toMatch(/line zero-sequence data/);
    const back = importMatpower(text).document;
    expect(validateNetwork(back).errors).toEqual([]);
    // Twelve closed switches (bus–line/trafo, no bus couplers) leave the topology: 4 lines + 2 trafos.
    expect(back.lines.length + back.transformers.length).toBe(6);
    // T1: 630 kVA, uk 4 % on 20 kV — a MATPOWER transformer keeps |z| on its rating (rateA).
    const t1 = back.transformers.find((t) => t.sn_mva === doc.transformers[0]?.sn_mva);
    expect(t1?.vk_percent).toBeCloseTo(doc.transformers[0]?.vk_percent ?? 0, 9);
  });
});

describe("exportMatpower of three-winding transformers", () => {
  const doc = psse("three-winding_v33");
  const text = exportMatpower(doc);
  const t = doc.transformers3w[0];

  it("writes a star equivalent whose winding pairs add up to the pair impedances", () => {
    expect(text).toMatch(/star buses 5 and up/);
    const rows = /mpc\.branch = \[([\s\S]*?)\];/
      .exec(text)?.[1]
      ?.trim()
      .split("\n")
      .map((row) => row.replace(";", "").trim().split("\t").map(Number));
    const star = (bus: number) =>
      rows?.find((row) => (row[0] === 5 || row[1] === 5) && row.slice(0, 2).includes(bus));
    const [hv, mv] = [star(1), star(2)];
    // HV–MV pair: vk 12.0037 %, vkr 0.3 % on min(40, 40) MVA → x in pu on 100 MVA.
    const xPair =
      (Math.sqrt((t?.vk_hv_percent ?? 0) ** 2 - (t?.vkr_hv_percent ?? 0) ** 2) / 100) * (100 / 40);
    expect((hv?.[3] ?? 0) + (mv?.[3] ?? 0)).toBeCloseTo(xPair, 12);
    // The HV winding carries the 1.05 tap, the LV branch the 150° shift.
    expect(hv?.[8]).toBeCloseTo(1.05, 12);
    expect(star(3)?.[9]).toBe(150);
  });

  it("imports back as a valid network with the star bus", () => {
    const back = importMatpower(text).document;
    expect(validateNetwork(back).errors).toEqual([]);
    expect(back.buses).toHaveLength(doc.buses.length + 1);
  });
});

describe("exportNetworkFile", () => {
  const doc: NetworkDocument = psse("kundur-twoarea_v33");

  it.each(exportFormatSchema.options)("%s output imports back through importNetworkFile", (format) => {
    const file = exportNetworkFile(doc, format);
    const imported = importNetworkFile(`export${file.extension}`, file.text);
    expect(imported.format).toBe(format);
    expect(imported.document.buses).toHaveLength(doc.buses.length);
    expect(validateNetwork(imported.document).errors).toEqual([]);
  });

  it("gives each format its extension and media type", () => {
    expect(exportNetworkFile(doc, "matpower")).toMatchObject({ extension: ".m", mediaType: "text/x-matlab" });
    expect(exportNetworkFile(doc, "ampflux")).toMatchObject({
      extension: ".json",
      mediaType: "application/json",
    });
  });
});
