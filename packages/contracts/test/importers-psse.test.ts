import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { importNetworkFile, importPsse, NetworkFileError, PsseParseError } from "../src/importers/index.ts";
import { busesWithoutSource, validateNetwork } from "../src/index.ts";
import { caught } from "./caught.ts";

const fixture = (name: string) => readFileSync(new URL(`fixtures/psse/${name}.raw`, import.meta.url), "utf8");

const parseError = (text: string) => caught(() => importPsse(text), PsseParseError);

describe("importPsse on IEEE 14-bus (PTI v33 export, rated)", () => {
  const { document, report } = importPsse(fixture("IEEE14_PTIv33_rated"));

  it("imports a valid, fed document with one element per record", () => {
    expect(validateNetwork(document).errors).toEqual([]);
    expect(busesWithoutSource(document)).toEqual([]);
    expect(document.frequency_hz).toBe(60); // BASFRQ
    expect(document.buses).toHaveLength(14);
    expect(document.loads).toHaveLength(11);
    expect(document.generators).toHaveLength(5);
    expect(document.lines).toHaveLength(17);
    expect(document.transformers).toHaveLength(3);
    // Bus 1 is the swing bus with an in-service machine, so no external grid is invented.
    expect(document.external_grids).toEqual([]);
  });

  it("converts per-unit branch data on SBASE 100 MVA and BASKV 100 kV to ohm per km", () => {
    // Branch 1-2: R = 0.01938, X = 0.05917, B = 0.0528 pu, RATEA 200 MVA, LEN 0 (→ 1 km).
    const zBase = 100 ** 2 / 100;
    const line = document.lines.find((l) => l.id === "line1_2_BL");
    expect(line?.length_km).toBe(1);
    expect(line?.r_ohm_per_km).toBeCloseTo(0.01938 * zBase, 12);
    expect(line?.x_ohm_per_km).toBeCloseTo(0.05917 * zBase, 12);
    expect(line?.c_nf_per_km).toBeCloseTo((0.0528 / (2 * Math.PI * 60 * zBase)) * 1e9, 9);
    expect(line?.max_i_ka).toBeCloseTo(200 / (Math.sqrt(3) * 100), 12);
  });

  it("converts transformer impedances given on the system base (CZ 1)", () => {
    // Transformer 4-7: X1-2 = 0.20912 pu on SBASE = SBASE1-2 = 100 MVA, WINDV1 = 0.978 (CW 1).
    const trafo = document.transformers.find((t) => t.id === "trafo4_7_BL");
    expect(trafo).toMatchObject({ hv_bus: "bus4", lv_bus: "bus7", sn_mva: 100, vkr_percent: 0 });
    expect(trafo?.vk_percent).toBeCloseTo(20.912, 12);
    expect(trafo).toMatchObject({ tap_side: "hv", tap_pos: -1, tap_neutral: 0 });
    expect(trafo?.tap_step_percent).toBeCloseTo(2.2, 12);
    expect(document.transformers.map((t) => t.vk_percent)).toEqual([
      expect.closeTo(20.912, 9),
      expect.closeTo(55.618, 9),
      expect.closeTo(25.202, 9),
    ]);
  });

  it("replaces PSS/E's placeholder ZSOURCE 0 + j1.0 and says so", () => {
    expect(document.generators.every((g) => g.xdss_pu === 0.2)).toBe(true);
    expect(report.defaulted).toContainEqual(
      expect.objectContaining({ field: "generators.xdss_pu", count: 5 }),
    );
    // Fixed shunt at bus 9: BL = 19 Mvar capacitive → consumer-signed −19 Mvar.
    expect(document.shunts).toEqual([
      { id: "shunt9_1", bus: "bus9", p_mw: 0, q_mvar: -19, vn_kv: 100, in_service: true },
    ]);
  });
});

describe("importPsse on Kundur's two-area system (v33)", () => {
  const { document } = importPsse(fixture("kundur-twoarea_v33"));

  it("imports a valid document with the step-up transformers on their own base (CZ 2)", () => {
    expect(validateNetwork(document).errors).toEqual([]);
    expect(document.buses).toHaveLength(11);
    // Transformer 5-1: X1-2 = 0.15 pu on SBASE1-2 = 900 MVA, NOMV1/NOMV2 = 230/20 kV.
    expect(document.transformers[0]).toMatchObject({
      id: "trafo5_1_1",
      name: "G1 STEP UP",
      hv_bus: "bus5",
      lv_bus: "bus1",
      sn_mva: 900,
      vn_hv_kv: 230,
      vn_lv_kv: 20,
      vkr_percent: 0,
    });
    expect(document.transformers[0]?.vk_percent).toBeCloseTo(15, 12);
    expect(document.transformers[0]?.tap_pos).toBeUndefined();
  });

  it("takes machine impedances ZSOURCE on MBASE and line lengths LEN", () => {
    // Generator 1: ZR = 0, ZX = 0.25 pu on MBASE 900 MVA.
    expect(document.generators[0]).toMatchObject({ id: "gen1_1", sn_mva: 900, xdss_pu: 0.25, rdss_ohm: 0 });
    // Branch 7-8 circuit 2: R = 0.011 pu on 100 MVA / 230 kV over LEN = 110 km.
    const line = document.lines.find((l) => l.id === "line7_8_2");
    expect(line?.length_km).toBe(110);
    expect(line?.r_ohm_per_km).toBeCloseTo((0.011 * 230 ** 2) / 100 / 110, 12);
    // Load at bus 8 has STATUS 0.
    expect(document.loads.find((l) => l.bus === "bus8")?.in_service).toBe(false);
  });
});

/**
 * A hand-made v33 case: a three-winding transformer (CZ 2, pair bases 40/20/20 MVA), a CZ 3
 * two-winding transformer, and sequence data after the Q record.
 */
const SYNTHETIC = fixture("three-winding_v33");

describe("importPsse on a hand-made case", () => {
  const { document, report } = importPsse(SYNTHETIC);

  it("rescales three-winding pair impedances to the smaller winding rating", () => {
    expect(validateNetwork(document).errors).toEqual([]);
    const t = document.transformers3w[0];
    // Winding ratings are the larger base of their pairs: 40, 40 and 20 MVA.
    expect(t).toMatchObject({ sn_hv_mva: 40, sn_mv_mva: 40, sn_lv_mva: 20, vector_group: "YNyn0d5" });
    expect(t?.vk_hv_percent).toBeCloseTo(Math.hypot(0.003, 0.12) * 100, 12); // 1-2 on 40 MVA
    expect(t?.vk_mv_percent).toBeCloseTo(Math.hypot(0.004, 0.08) * 100, 12); // 2-3 on 20 MVA
    expect(t?.vk_lv_percent).toBeCloseTo(Math.hypot(0.005, 0.2) * 100, 12); // 3-1 on 20 MVA
    expect(t).toMatchObject({ shift_mv_degree: 0, shift_lv_degree: 150, tap_side: "hv", tap_pos: 1 });
    expect(t?.tap_step_percent).toBeCloseTo(5, 12);
  });

  it("reads load losses in W for CZ 3", () => {
    // 120 kW on 40 MVA is vkr = 0.3 %; X = 0.1 pu on 40 MVA is vk = 10 %.
    const t = document.transformers.find((x) => x.id === "trafo1_2_2");
    expect(t?.vkr_percent).toBeCloseTo(0.3, 12);
    expect(t?.vk_percent).toBeCloseTo(10, 12);
  });

  it("maps zero-sequence branch and machine data after the Q record", () => {
    // Zero sequence branch 2-4: R0 = 0.03, X0 = 0.09 pu on 100 MVA / 20 kV over 10 km.
    const line = document.lines[0];
    expect(line?.r0_ohm_per_km).toBeCloseTo((0.03 * 4) / 10, 12);
    expect(line?.x0_ohm_per_km).toBeCloseTo((0.09 * 4) / 10, 12);
    expect(document.generators[0]?.x0_pu).toBe(0.08);
    expect(report.mapped).toContainEqual({
      from: "zero sequence branch data",
      to: "lines r0/x0/c0",
      count: 1,
    });
  });

  it("is recognised by importNetworkFile from its extension and its content", () => {
    expect(importNetworkFile("case.raw", SYNTHETIC).format).toBe("psse");
    expect(importNetworkFile("case.txt", SYNTHETIC).format).toBe("psse");
  });
});

describe("importPsse on bad input", () => {
  const lines = SYNTHETIC.split("\n");
  const replaceLine = (n: number, text: string) =>
    [...lines.slice(0, n - 1), text, ...lines.slice(n)].join("\n");

  it("names the line and item of a bad value", () => {
    const error = parseError(replaceLine(5, "2,'MV', abc, 1"));
    expect([error.line, error.field]).toEqual([5, "bus BASKV"]);
  });

  it("rejects unknown buses, other versions and cut-off transformers", () => {
    expect(parseError(replaceLine(14, "2, 9,'1', 0.01, 0.05")).field).toBe("branch J");
    const old = parseError(replaceLine(1, "0, 100.0, 31"));
    expect([old.field, old.message]).toEqual([
      "case identification REV",
      "line 1 (case identification REV): version 31 is not supported: PSS/E versions 32, 33, 34, 35 are",
    ]);
    const cut = parseError(lines.slice(0, 19).join("\n"));
    expect(cut.message).toMatch(/transformer record 5 is missing/);
  });

  it("turns a validation error into a parse error at the record", () => {
    // The two-winding transformer of line 21 made to join bus 1 to itself.
    const error = parseError(replaceLine(21, "1, 1, 0,'2',1,3,1, 0,0,2,'T2W',1,1,1.0"));
    expect(error.line).toBe(21);
    expect(error.message).toMatch(/transformer trafo1_1_2 'T2W': LV bus: must differ from hv_bus/);
  });

  it("wraps parse errors as NetworkFileError with line and field", () => {
    try {
      importNetworkFile("bad.raw", replaceLine(5, "2,'MV', abc, 1"));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(NetworkFileError);
      expect(error).toMatchObject({ format: "psse", line: 5, field: "bus BASKV" });
    }
  });
});
