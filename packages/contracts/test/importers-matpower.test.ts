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
    const { document } = importMatpower(text);
    const result = validateNetwork(document);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
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
    const pegase = importMatpower(read("case13659pegase")).report;
    const clamped = pegase.adjusted.find((a) => a.field === "transformers.vkr_percent");
    expect(clamped?.count).toBe(64);
    expect(clamped?.ids).toHaveLength(10);
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
