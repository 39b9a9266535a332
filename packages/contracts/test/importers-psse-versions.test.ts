import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { importNetworkFile, importPsse, PsseParseError } from "../src/importers/index.ts";
import type { NetworkDocument } from "../src/index.ts";
import { busesWithoutSource, validateNetwork } from "../src/index.ts";
import { caught } from "./caught.ts";

/**
 * One network written in each RAW version's record layouts (PSS/E Program Operation Manual,
 * "Power Flow Raw Data File Contents", releases 32–35; the item lists are quoted in the comments
 * of versions.ts and of the fixture generator's records), with a .seq file per version ("Sequence
 * Data File Contents"). v34/35 add system-wide data, a system switching device (bus 5–6, bus 6
 * only exists there), 12 ratings and a name per branch, and substation data; v35 starts with an
 * `@!` column-header line.
 */
const fixture = (name: string) => readFileSync(new URL(`fixtures/psse/${name}`, import.meta.url), "utf8");
const VERSIONS = [32, 33, 34, 35] as const;
const imported = Object.fromEntries(
  VERSIONS.map((v) => [v, importPsse(fixture(`same-network_v${v}.raw`))]),
) as Record<(typeof VERSIONS)[number], ReturnType<typeof importPsse>>;

/** The parts every version carries: v34/35's bus 6, switch, branch names and v32's missing VECGRP aside. */
function common(doc: NetworkDocument) {
  return {
    ...doc,
    name: "",
    buses: doc.buses.filter((b) => b.id !== "bus6"),
    switches: [],
    lines: doc.lines.map(({ name: _name, ...line }) => line),
    transformers: doc.transformers.map(({ vector_group: _vg, ...t }) => t),
    transformers3w: doc.transformers3w.map(({ vector_group: _vg, ...t }) => t),
  };
}

describe("PSS/E RAW versions 32, 33, 34 and 35", () => {
  it("gives the same document for the same network in every version's layout", () => {
    for (const v of VERSIONS) {
      const { document } = imported[v];
      expect(validateNetwork(document).errors).toEqual([]);
      expect(busesWithoutSource(document)).toEqual([]);
      expect(common(document)).toEqual(common(imported[33].document));
    }
    // The version is reported.
    expect(imported[35].report.mapped).toContainEqual({
      from: "PSS/E version 35 case",
      to: "document",
      count: 1,
    });
  });

  it("reads v34/35 generator items after NREG: MBASE 50, ZR 0.002, ZX 0.2 on 110 kV", () => {
    for (const v of VERSIONS) {
      const gen = imported[v].document.generators[0];
      expect(gen).toMatchObject({ id: "gen1_1", sn_mva: 50, xdss_pu: 0.2 });
      // Hand calculation: R = ZR · Vn² / MBASE = 0.002 · 110² / 50 = 0.484 ohm.
      expect(gen?.rdss_ohm).toBeCloseTo(0.484, 12);
      // WMOD 1 (the 29th item in v34/35, 27th in v32/33) makes bus 5's machine a converter source.
      expect(imported[v].document.static_generators.map((g) => g.id)).toEqual(["sgen5_W"]);
    }
  });

  it("takes RATE1 of v34/35's twelve ratings, the branch NAME and LEN", () => {
    const line = imported[35].document.lines.find((l) => l.id === "line2_4_1");
    // Hand calculation: 30 MVA / (√3 · 20 kV) = 0.8660 kA; R = 0.01 · 20²/100 / 10 km.
    expect(line).toMatchObject({ name: "FEEDER A", length_km: 10 });
    expect(line?.max_i_ka).toBeCloseTo(30 / (Math.sqrt(3) * 20), 12);
    expect(line?.r_ohm_per_km).toBeCloseTo((0.01 * 4) / 10, 12);
    expect(imported[35].report.dropped).toContainEqual(
      expect.objectContaining({ item: "branch RATE2 … RATE12", count: 2 }),
    );
  });

  it("maps switched shunts (BINIT), system switching devices and lists what it drops", () => {
    for (const v of VERSIONS) {
      // BINIT 3 Mvar capacitive at bus 4 → consumer-signed −3 Mvar; fixed shunt BL 2 → −2 Mvar.
      const shunts = imported[v].document.shunts.map((s) => [s.id, s.q_mvar]);
      expect(shunts).toEqual([
        ["shunt5_1", -2],
        ["swshunt4_1", -3],
      ]);
    }
    expect(imported[34].document.switches).toEqual([
      { id: "switch5_6_1", name: "BRK 5-6", bus: "bus5", element: "bus6", element_type: "bus", closed: true },
    ]);
    const dropped = Object.fromEntries(imported[35].report.dropped.map((d) => [d.item, d.count]));
    expect(dropped).toMatchObject({
      "system-wide data": 3,
      "substation data": 1,
      "multi-section line groupings": 1,
      "facts device data": 1,
      "induction machine data": 1,
      "area interchange data": 1,
    });
    expect(imported[32].report.dropped.map((d) => d.item)).not.toContain("induction machine data");
  });

  it("reads Windows (CRLF) and old Mac (CR) line ends, with the same line numbers in errors", () => {
    const v33 = fixture("same-network_v33.raw");
    for (const end of ["\r\n", "\r"]) {
      expect(importPsse(v33.replaceAll("\n", end)).document).toEqual(imported[33].document);
      const bad = v33
        .replace("2,'MV", "2,'MV")
        .replace(", 20.0, 1, 1, 1", ", abc, 1, 1, 1")
        .replaceAll("\n", end);
      expect(caught(() => importPsse(bad), PsseParseError).line).toBe(5);
    }
  });

  it("refuses other versions naming the version, and is detected after @! comment lines", () => {
    const v35 = fixture("same-network_v35.raw");
    for (const rev of [30, 31, 36]) {
      const error = caught(
        () => importPsse(v35.replace("0, 100.0, 35,", `0, 100.0, ${rev},`)),
        PsseParseError,
      );
      expect(error.message).toBe(
        `line 2 (case identification REV): version ${rev} is not supported: PSS/E versions 32, 33, 34, 35 are`,
      );
    }
    expect(importNetworkFile("case.txt", v35).format).toBe("psse");
    // A record may name a bus by its quoted name instead of its number (here the load at 'FEEDER').
    const named = importPsse(v35.replace("4,'1', 1, 1, 1, 5.0", "'FEEDER','1', 1, 1, 1, 5.0"));
    expect(named.document.loads[0]?.bus).toBe("bus4");
    const unknown = caught(
      () => importPsse(v35.replace("4,'1', 1, 1, 1, 5.0", "'NOWHERE','1', 1, 1, 1, 5.0")),
      PsseParseError,
    );
    expect(unknown.message).toMatch(/load I\): no bus is named "NOWHERE"/);
  });
});

describe("PSS/E sequence data (.seq) of versions 32–35", () => {
  const withSeq = (v: (typeof VERSIONS)[number]) =>
    importPsse(fixture(`same-network_v${v}.raw`), {}, fixture(`same-network_v${v}.seq`));

  it("maps machine positive and zero sequence, zero sequence branches and transformer CC codes", () => {
    for (const v of VERSIONS) {
      const { document, report } = withSeq(v);
      expect(validateNetwork(document).errors).toEqual([]);
      const gen = document.generators[0];
      // ZRPOS + jZXPPDV = 0.002 + j0.18 on MBASE 50 replaces ZSOURCE; ZX0DV 0.08; ZRNEG +
      // jZXNEGDV (v32: RNEG, XNEG) = 0.003 + j0.19 is X(2)G, R(2)G in ohm at 110 kV.
      expect(gen).toMatchObject({ xdss_pu: 0.18, x0_pu: 0.08, x2_pu: 0.19 });
      expect(gen?.rdss_ohm).toBeCloseTo((0.002 * 110 ** 2) / 50, 12);
      expect(gen?.r2_ohm).toBeCloseTo((0.003 * 110 ** 2) / 50, 12);
      expect(report.mapped.map((m) => m.to)).toContain("generators.x2_pu, r2_ohm");
      // Zero sequence branch 2-4: R0 = 0.03, X0 = 0.15 pu on 100 MVA / 20 kV over LEN 10 km.
      const line = document.lines.find((l) => l.id === "line2_4_1");
      expect(line?.r0_ohm_per_km).toBeCloseTo((0.03 * 4) / 10, 12);
      expect(line?.x0_ohm_per_km).toBeCloseTo((0.15 * 4) / 10, 12);
      // CC 2 (earth path on winding 1 only) on a 110/20 kV unit with a 150° shift: YNd5.
      // Hand calculation: X01 = 0.09 pu on 100 MVA is 0.036 pu on the 40 MVA rating → vk0 ≈ 3.6 %;
      // XG1 = 0.01 pu on 100 MVA and 110 kV (Zbase 121 ohm) → X_N = 1.21 ohm.
      const trafo = document.transformers[0];
      expect(trafo?.vector_group).toBe("YNd5");
      expect(trafo?.vk0_percent).toBeCloseTo(Math.hypot(0.002, 0.09) * 40, 12);
      expect(trafo?.vkr0_percent).toBeCloseTo(0.002 * 40, 12);
      expect(trafo?.xn_ohm).toBeCloseTo(1.21, 12);
      const dropped = Object.fromEntries(report.dropped.map((d) => [d.item, d.count]));
      expect(dropped).toMatchObject({
        "zero sequence mutual couplings": 1,
        "three-winding zero sequence transformer data": 1,
        // Bus 5's converter-coupled unit has no synchronous machine to carry its sequence data.
        "generator sequence data": 1,
      });
    }
  });

  it("reads sequence data appended after the Q record as well as from its own file", () => {
    const raw = fixture("same-network_v33.raw");
    const appended = importPsse(`${raw}${fixture("same-network_v33.seq")}`);
    expect(appended.document).toEqual(withSeq(33).document);
  });

  it("names the .seq file and line of a bad record", () => {
    const seq = fixture("same-network_v33.seq").replace("2, 4,'1', 0.03, 0.15", "2, 9,'1', 0.03, 0.15");
    const error = caught(() => importPsse(fixture("same-network_v33.raw"), {}, seq), PsseParseError);
    expect(error.message).toMatch(/^line 7 \(\.seq zero sequence branch J\): bus 9 is not in the bus data$/);
  });
});
