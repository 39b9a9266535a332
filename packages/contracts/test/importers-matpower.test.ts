import { existsSync, readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { importMatpower, MatpowerParseError } from "../src/importers/index.ts";
import { busesWithoutSource, validateNetwork } from "../src/index.ts";
import { caught } from "./caught.ts";

const CASES = new URL("../../../../shared/data/matpower/", import.meta.url);
const read = (name: string) => readFileSync(new URL(`${name}.m`, CASES), "utf8");

/** Row count of `mpc.<name> = [ … ];`, counted independently of the importer's parser. */
function rowCount(text: string, name: string): number {
  const body = new RegExp(`mpc\\.${name}\\s*=\\s*\\[([\\s\\S]*?)\\];`).exec(text)?.[1] ?? "";
  return body.split("\n").filter((line) => line.replace(/%.*/, "").trim() !== "").length;
}

const parseError = (text: string) => caught(() => importMatpower(text), MatpowerParseError);

describe("importMatpower on the shared cases", () => {
  it("finds the shared case files", () => {
    expect(existsSync(new URL("case9.m", CASES))).toBe(true);
    expect(readdirSync(CASES).filter((f) => f.endsWith(".m")).length).toBeGreaterThanOrEqual(10);
  });

  // How fast is measured by `pnpm bench` (bench/src/import-timing.ts), not asserted here.
  it("imports the largest case (case13659pegase, 13 659 buses)", () => {
    const { document } = importMatpower(read("case13659pegase"));
    expect(document.buses).toHaveLength(13_659);
  });

  // Every case in the shared folder, listed from disk so that a new case cannot be skipped silently.
  it.each(
    readdirSync(CASES)
      .filter((f) => f.endsWith(".m"))
      .map((f) => f.slice(0, -2)),
  )("%s imports into a valid document with one element per row", (name) => {
    const text = read(name);
    const { document, report } = importMatpower(text);
    const result = validateNetwork(document);
    expect(result.errors).toEqual([]);
    // The only warnings mark the negative-resistance equivalents the report counts.
    const equivalent = (w: { message: string }) => /network-reduction equivalent/.test(w.message);
    expect(result.warnings.filter((w) => !equivalent(w))).toEqual([]);
    const negativeR = report.mapped.find((m) => m.from === "mpc.branch negative r (reduction equivalents)");
    expect(result.warnings.filter(equivalent)).toHaveLength(negativeR?.count ?? 0);
    expect(document.buses).toHaveLength(rowCount(text, "bus"));
    expect(document.external_grids.length + document.generators.length).toBe(rowCount(text, "gen"));
    expect(document.lines.length + document.transformers.length).toBe(rowCount(text, "branch"));
    expect(busesWithoutSource(document)).toEqual([]);
  });

  it("maps case9 element by element", () => {
    const { document, report } = importMatpower(read("case9"));
    expect(document).toMatchObject({ name: "case9", frequency_hz: 50 });
    expect(document.external_grids).toEqual([
      {
        id: "grid1",
        bus: "1",
        s_sc_max_mva: 10_000,
        s_sc_min_mva: 8_000,
        rx_max: 0.1,
        rx_min: 0.1,
        vm_pu: 1.04,
        va_degree: 0,
        in_service: true,
      },
    ]);
    expect(document.generators.map((g) => [g.id, g.bus, g.sn_mva])).toEqual([
      ["gen2", "2", 100],
      ["gen3", "3", 100],
    ]);
    // Load-flow set-points (Pg, Vg, Qmin, Qmax) and the stored solution (Vm, Va) come along.
    expect(document.generators[0]).toMatchObject({
      p_mw: 163,
      vm_pu: 1.025,
      q_min_mvar: -300,
      q_max_mvar: 300,
    });
    expect(document.buses[4]).toMatchObject({ id: "5", vm_pu: 1, va_degree: 0 });
    expect(document.lines).toHaveLength(9);
    expect(document.loads.map((l) => [l.bus, l.p_mw, l.q_mvar])).toEqual([
      ["5", 90, 30],
      ["7", 100, 35],
      ["9", 125, 50],
    ]);
    // Branch 4–5: r = 0.017 pu, b = 0.158 pu on 345 kV / 100 MVA.
    const line = document.lines[1];
    const zBase = 345 ** 2 / 100;
    expect(line?.r_ohm_per_km).toBeCloseTo(0.017 * zBase, 9);
    expect(line?.c_nf_per_km).toBeCloseTo((0.158 / (2 * Math.PI * 50 * zBase)) * 1e9, 6);
    expect(line?.max_i_ka).toBeCloseTo(250 / (Math.sqrt(3) * 345), 9);
    expect(report.dropped.map((d) => d.item)).toContain("mpc.gencost");
    expect(report.defaulted).toContainEqual(
      expect.objectContaining({ field: "external_grids.s_sc_max_mva", count: 1 }),
    );
  });

  it("maps off-nominal branches of case300 to transformers with the tap on the from side", () => {
    const { document } = importMatpower(read("case300"));
    expect(document.transformers).toHaveLength(128);
    expect(document.lines).toHaveLength(283);
    // Row 337: bus 3 (230 kV) → bus 4 (345 kV), r = 0, x = 0.005 pu, rateA 0, TAP 0.971.
    expect(document.transformers.find((t) => t.id === "br337")).toMatchObject({
      hv_bus: "4",
      lv_bus: "3",
      sn_mva: 100,
      vn_hv_kv: 345,
      vn_lv_kv: 230,
      vkr_percent: 0,
      tap_side: "lv",
      tap_neutral: 0,
      tap_pos: -1,
    });
    const br337 = document.transformers.find((t) => t.id === "br337");
    expect(br337?.vk_percent).toBeCloseTo(0.5, 12);
    expect(br337?.tap_step_percent).toBeCloseTo(2.9, 12);
  });

  it("keeps the phase shifters of case9241pegase", () => {
    const { document } = importMatpower(read("case9241pegase"));
    expect(document.transformers).toHaveLength(2252);
    expect(document.transformers.filter((t) => t.shift_degree !== 0)).toHaveLength(66);
  });

  it("keeps case14's stored solution and set-points, and leaves PEGASE's infinite Q limits unset", () => {
    const { document, report } = importMatpower(read("case14"));
    // mpc.bus row 14: Vm 1.036, Va -16.04; gen 2 (bus 2): Pg 40, Qmax 50, Qmin -40, Vg 1.045.
    expect(document.buses[13]).toMatchObject({ id: "14", vm_pu: 1.036, va_degree: -16.04 });
    expect(document.generators[0]).toMatchObject({
      bus: "2",
      p_mw: 40,
      vm_pu: 1.045,
      q_min_mvar: -40,
      q_max_mvar: 50,
    });
    expect(document.external_grids[0]).toMatchObject({ bus: "1", vm_pu: 1.06, va_degree: 0 });
    expect(report.mapped).toContainEqual(
      expect.objectContaining({ from: "mpc.gen Pg, Vg, Qmin, Qmax", count: 4 }),
    );
    const pegase = importMatpower(read("case9241pegase")).document;
    const unlimited = pegase.generators.filter((g) => g.q_max_mvar === undefined);
    expect(unlimited.length).toBeGreaterThan(0);
    expect(unlimited.every((g) => g.q_min_mvar === undefined)).toBe(true);
  });

  it("reports what it changed or invented", () => {
    const { report } = importMatpower(read("case14"));
    expect(report.defaulted).toContainEqual(
      expect.objectContaining({ field: "buses.vn_kv", value: 110, count: 14 }),
    );
    // The negative r of case13659pegase's 64 transformer and 14 line equivalents is kept, not clamped.
    const pegase = importMatpower(read("case13659pegase")).report;
    expect(pegase.adjusted.find((a) => a.field === "transformers.vkr_percent")).toBeUndefined();
    expect(pegase.mapped).toContainEqual(
      expect.objectContaining({ from: "mpc.branch negative r (reduction equivalents)", count: 78 }),
    );
  });

  it("applies overridden defaults", () => {
    const { document } = importMatpower(read("case9"), {
      frequency_hz: 60,
      external_grid: { s_sc_max_mva: 20_000 },
      generator: { xdss_pu: 0.15, rx: 0.1 },
    });
    expect(document.frequency_hz).toBe(60);
    expect(document.external_grids[0]).toMatchObject({ s_sc_max_mva: 20_000, s_sc_min_mva: 8_000 });
    expect(document.generators[0]).toMatchObject({ xdss_pu: 0.15, rdss_ohm: (0.1 * 0.15 * 345 ** 2) / 100 });
  });
});

describe("importMatpower keeps the branch data a load flow needs", () => {
  // case9 (all buses 345 kV, baseMVA 100, zBase 1190.25 Ω) with four rows changed: br1 a
  // transformer (TAP 0.95) with charging b = 0.1, br2 a line with r = −0.017, br3 a line with
  // b = −0.358, br4 a transformer (TAP 0.98, rateA 300) with r = −0.001.
  const edited = read("case9")
    .replace(
      /^(\s*)1\t4\t0\t0\.0576\t0\t250\t250\t250\t0\t/m,
      "$11\t4\t0\t0.0576\t0.1\t250\t250\t250\t0.95\t",
    )
    .replace(/^(\s*)4\t5\t0\.017\t/m, "$14\t5\t-0.017\t")
    .replace(/^(\s*)5\t6\t0\.039\t0\.17\t0\.358\t/m, "$15\t6\t0.039\t0.17\t-0.358\t")
    .replace(
      /^(\s*)3\t6\t0\t0\.0586\t0\t300\t300\t300\t0\t/m,
      "$13\t6\t-0.001\t0.0586\t0\t300\t300\t300\t0.98\t",
    );
  const { document, report } = importMatpower(edited);

  it("puts a transformer row's charging where MATPOWER's π model has it: j·b/(2τ²) and j·b/2", () => {
    expect(edited).not.toBe(read("case9"));
    const shunt = (id: string) => document.shunts.find((s) => s.id === id);
    // Consumer-signed q at the bus voltage: −(b/2)·baseMVA, over τ² on the tap's (from) side.
    expect(shunt("br1-charging-from")).toMatchObject({ bus: "1", p_mw: 0, vn_kv: 345 });
    expect(shunt("br1-charging-from")?.q_mvar).toBeCloseTo((-0.05 * 100) / 0.95 ** 2, 12);
    expect(shunt("br1-charging-to")).toMatchObject({ bus: "4", p_mw: 0, q_mvar: -5, vn_kv: 345 });
    expect(report.mapped).toContainEqual(
      expect.objectContaining({ from: "mpc.branch b of transformer rows", count: 1 }),
    );
  });

  it("keeps a line row's negative charging as shunts at both ends, the line without capacitance", () => {
    const line = document.lines.find((l) => l.id === "br3");
    expect(line?.c_nf_per_km).toBe(0);
    for (const [id, bus] of [
      ["br3-charging-from", "5"],
      ["br3-charging-to", "6"],
    ])
      expect(document.shunts.find((s) => s.id === id)).toMatchObject({ bus, q_mvar: 17.9 });
  });

  it("keeps a negative r of lines and transformers, which validation marks as equivalents", () => {
    const zBase = 345 ** 2 / 100;
    expect(document.lines.find((l) => l.id === "br2")?.r_ohm_per_km).toBeCloseTo(-0.017 * zBase, 9);
    const trafo = document.transformers.find((t) => t.id === "br4");
    // rateA 300 MVA: percent on sn_mva is 100·300/100 = 300 × per unit on baseMVA.
    expect(trafo?.vkr_percent).toBeCloseTo(-0.3, 12);
    expect(trafo?.vk_percent).toBeCloseTo(Math.hypot(-0.001, 0.0586) * 300, 12);
    expect(report.mapped).toContainEqual(
      expect.objectContaining({ from: "mpc.branch negative r (reduction equivalents)", count: 2 }),
    );
    const validation = validateNetwork(document);
    expect(validation.ok).toBe(true);
    const marked = validation.warnings.filter((w) => /network-reduction equivalent/.test(w.message));
    expect(marked.map((w) => w.path.join("."))).toEqual([
      "lines.0.r_ohm_per_km",
      "transformers.1.vkr_percent",
    ]);
  });

  it("refuses a transformer whose negative vkr is not smaller than vk in magnitude", () => {
    const trafo = { ...document.transformers[0], vkr_percent: -(document.transformers[0]?.vk_percent ?? 0) };
    const validation = validateNetwork({ ...document, transformers: [trafo] });
    expect(validation.ok).toBe(false);
    expect(validation.errors.map((e) => e.message)).toContainEqual(
      expect.stringMatching(/must be above −vk_percent/),
    );
  });
});

describe("importMatpower on bad input", () => {
  const case9 = read("case9");
  const lines = case9.split("\n");

  it("rejects text that is not a case at line 1", () => {
    expect(parseError("hello world").line).toBe(1);
    expect(parseError("\u0000\u0001 garbage {{{").line).toBe(1);
  });

  it("rejects a file cut off inside a matrix", () => {
    const error = parseError(lines.slice(0, 55).join("\n"));
    expect(error.message).toMatch(/mpc.branch opened at line 50 is never closed/);
  });

  it("rejects a row cut off mid-way with its line", () => {
    const cut = [...lines.slice(0, 52), "\t4\t5\t0.017", ...lines.slice(53)].join("\n");
    expect(parseError(cut).line).toBe(53);
  });

  it("rejects missing data, bad numbers and unknown buses", () => {
    expect(parseError("mpc.baseMVA = 100;").message).toMatch(/mpc.bus is missing/);
    expect(parseError(case9.replace("0.0576", "0.05x6")).line).toBe(51);
    expect(parseError(case9.replace("\t8\t9\t0.032", "\t8\t99\t0.032")).message).toMatch(
      /bus 99 is not in mpc.bus/,
    );
  });
});

describe("MATPOWER matrices read in place", () => {
  const caseWith = (bus: string) =>
    [
      "function mpc = t",
      "mpc.version = '2';",
      "mpc.baseMVA = 100;",
      "mpc.bus = [",
      bus,
      "];",
      "mpc.gen = [\n\t1\t0\t0\t300\t-300\t1\t100\t1\t250\t10\n];",
      "mpc.branch = [\n\t1\t2\t0.01\t0.1\t0\t0\t0\t0\t0\t0\t1\t-360\t360\n];",
    ].join("\n");
  const busRow = (n: number, vm: string) => `\t${n}\t3\t0\t0\t0\t0\t1\t${vm}\t0\t110\t1\t1.1\t0.9`;

  // Every number goes through fastDecimal or Number(): the same bits either way (decimal.test.ts).
  it("reads rows split by ; and by line breaks, commas, comments and CRLF as MATLAB does", () => {
    const rows = `${busRow(1, "1.02")}; ${busRow(2, "+.98e0").replaceAll("\t", ",")} % two rows\r\n${busRow(3, "1.")}\r`;
    const { document } = importMatpower(caseWith(rows));
    expect(document.buses.map((b) => [b.id, b.vm_pu])).toEqual([
      ["1", 1.02],
      ["2", 0.98],
      ["3", 1],
    ]);
  });

  // A quote may hide a "%" and non-ASCII blanks count as MATLAB's whitespace: such lines take the
  // line-by-line path, which must give the same rows.
  it("reads lines with quotes or non-ASCII blanks the same way", () => {
    const plain = importMatpower(caseWith(`${busRow(1, "1.02")}\n${busRow(2, "0.98")}`)).document;
    const nbsp = importMatpower(
      caseWith(`${busRow(1, "1.02").replaceAll("\t", "\u00a0")}\n${busRow(2, "0.98")}`),
    );
    expect(nbsp.document.buses).toEqual(plain.buses);
  });

  it("names the line of a bad number, a short row, a continuation and text after ]", () => {
    const bad = (rows: string) => parseError(caseWith(rows));
    expect(bad(`${busRow(1, "1.02")}\n${busRow(2, "0.9.8")}`)).toMatchObject({ line: 6 });
    expect(bad(`${busRow(1, "1.02")}\n${busRow(2, "0.9.8")}`).message).toMatch(/"0.9.8" is not a number/);
    expect(bad(`${busRow(1, "1.02")}\n\t2\t3\t0`).message).toMatch(/mpc.bus row has 3 columns, expected 13/);
    expect(bad(`${busRow(1, "1.02")} ...`)).toMatchObject({ line: 5 });
    expect(bad(`${busRow(1, "1.02")} ...`).message).toMatch(/line continuations are not supported/);
    expect(bad(`${busRow(1, "1.02")}] x`).message).toMatch(/unexpected text after \]/);
    // "] ;" and a comment close the matrix: the case's own "];" on the next line is then extra.
    expect(bad(`${busRow(1, "1.02")}] ; % closed here`).message).toMatch(
      /line 6: unsupported statement "\];"/,
    );
  });
});
