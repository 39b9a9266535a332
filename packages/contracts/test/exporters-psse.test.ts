import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { exportNetworkFile, exportPsse, importMatpower, importPsse } from "../src/importers/index.ts";
import { type NetworkDocument, validateNetwork } from "../src/index.ts";

const psse = (name: string) => readFileSync(new URL(`fixtures/psse/${name}`, import.meta.url), "utf8");
const matpower = (name: string) =>
  readFileSync(new URL(`../../../../shared/data/matpower/${name}.m`, import.meta.url), "utf8");

/** Equal to 10 significant digits: per-unit conversions there and back may move the last bits. */
function rounded(doc: NetworkDocument) {
  return JSON.parse(
    JSON.stringify(doc, (_key, value) => (typeof value === "number" ? Number(value.toPrecision(10)) : value)),
  );
}

/**
 * What a v34/35 case has that RAW v33 cannot hold: branch names, and system switching devices,
 * which become zero-impedance branches (bus ties "tie…" without their names).
 */
function v33(doc: NetworkDocument): NetworkDocument {
  return {
    ...doc,
    lines: doc.lines.map(({ name: _name, ...line }) => line),
    switches: doc.switches.map(({ name: _name, ...s }) => ({ ...s, id: s.id.replace(/^switch/, "tie") })),
  };
}

describe("exportPsse (RAW v33)", () => {
  const cases: [string, string | undefined][] = [
    ["IEEE14_PTIv33_rated.raw", undefined],
    ["kundur-twoarea_v33.raw", undefined],
    ["three-winding_v33.raw", undefined],
    ...([32, 33, 34, 35] as const).map((v): [string, string] => [
      `same-network_v${v}.raw`,
      `same-network_v${v}.seq`,
    ]),
  ];
  for (const [raw, seq] of cases) {
    it(`round-trips ${raw}${seq ? ` with ${seq}` : ""}: RAW → document → RAW → document gives the same document`, () => {
      const first = importPsse(psse(raw), {}, seq && psse(seq)).document;
      const text = exportPsse(first);
      expect(text.split("\n")[0]).toMatch(/^0, 100\.0, 33, 0, 1, (50|60)\.0 \//);
      const second = importPsse(text).document;
      expect(rounded(second)).toEqual(rounded(v33(first)));
      // And once more: nothing drifts.
      expect(rounded(importPsse(exportPsse(second)).document)).toEqual(rounded(second));
    });
  }

  it("writes the .seq data the document has after the Q record (machine X0, line and transformer zero sequence)", () => {
    const doc = importPsse(psse("same-network_v33.raw"), {}, psse("same-network_v33.seq")).document;
    const text = exportPsse(doc);
    const afterQ = text.slice(text.indexOf("\nQ\n") + 3);
    expect(afterQ).toMatch(/^0, 33 \//);
    // Generator 1: ZRNEG 0.003, ZXNEGDV 0.19 (x2_pu, r2_ohm), ZR0 0.001 (kept as r0_ohm since neutral earthing landed), ZX0DV 0.08; branch 2-4: R0 0.03, X0 0.15; transformer 1-2 circuit 2: CC 2 (YNd).
    expect(afterQ).toContain("1,'1', 0.002, 0.18, 0.18, 0.18, 0.003, 0.19, 0.001, 0.08, 1");
    expect(afterQ).toMatch(/\n2, 4,'1', 0\.03\d*, 0\.15\d*, /);
    expect(afterQ).toMatch(/\n1, 2, 0,'2', 2, 2, 2, /);
  });

  for (const name of ["case9", "case14", "case30", "case118"]) {
    it(`exports the MATPOWER ${name} to a RAW case that imports to the same network`, () => {
      const mp = importMatpower(matpower(name)).document;
      const back = importPsse(exportPsse(mp)).document;
      expect(validateNetwork(back).errors).toEqual([]);
      // Bus "9" is written as bus number 9 and read back as "bus9"; units, loads and lines keep
      // their per-unit data. What RAW cannot carry: the external grid's Sk'' (a swing bus
      // gets the importer's default feeder, the same default MATPOWER's importer uses) and the
      // stored voltages.
      expect(back.buses.map((b) => [b.id, b.vn_kv])).toEqual(mp.buses.map((b) => [`bus${b.id}`, b.vn_kv]));
      expect(back.lines.map((l) => l.x_ohm_per_km)).toEqual(
        mp.lines.map((l) => expect.closeTo(l.x_ohm_per_km, 9)),
      );
      expect(back.transformers.map((t) => [t.vk_percent, t.tap_pos ?? 0])).toEqual(
        mp.transformers.map((t) => [expect.closeTo(t.vk_percent, 9), t.tap_pos ?? 0]),
      );
      expect(back.generators.map((g) => [g.sn_mva, g.xdss_pu])).toEqual(
        mp.generators.map((g) => [g.sn_mva, g.xdss_pu]),
      );
      expect(back.external_grids.map((g) => g.s_sc_max_mva)).toEqual(
        mp.external_grids.map((g) => g.s_sc_max_mva),
      );
    });
  }

  it("is offered by exportNetworkFile as .raw", () => {
    const doc = importPsse(psse("kundur-twoarea_v33.raw")).document;
    expect(exportNetworkFile(doc, "psse")).toMatchObject({ extension: ".raw", mediaType: "text/plain" });
  });
});
