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
import { type NetworkDocument, validateNetwork } from "../src/index.ts";

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
