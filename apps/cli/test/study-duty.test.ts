import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  DUTY_CHECKS_BY_KIND,
  DUTY_CSV_COLUMNS,
  type DutyCheck,
  dutyStatus,
  dutySummary,
  type ShortCircuitResult,
} from "@ampflux/contracts";
import { importMatpower } from "@ampflux/contracts/importers";
import { ratedSwitchboard, withParallelTransformer } from "@ampflux/contracts/testing";
import { afterAll, describe, expect, it } from "vitest";
import { runCli, spawnCli } from "./harness.ts";

// `ampflux study --duty` (also `pnpm sc`) in this process, as typed in the repository root. The
// checks are the engine's; what is verified here is that the command prints every one of them,
// worst first, with numbers that agree with the hand calculation and with the bus results.
const root = fileURLToPath(new URL("../../..", import.meta.url));
const dir = mkdtempSync(path.join(os.tmpdir(), "ampflux-duty-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sc = (...args: string[]) => runCli({ cwd: root }, "study", ...args);

function writeJson(name: string, value: unknown): string {
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify(value));
  return file;
}

const switchboard = writeJson("switchboard.json", ratedSwitchboard);
const twoTransformers = writeJson("switchboard-2t.json", withParallelTransformer(ratedSwitchboard));

/**
 * I''k and R/X at the 20 kV switchboard "mv" by hand (IEC 60909-0:2016, referred to Un = 20 kV,
 * c = c_max = 1.1): network feeder Z_Q = c·Un²/S''kQ with R_Q/X_Q = 0.1 (§6.2), transformer
 * Z_T = uk·Un²/Sn, R_T = uR·Un²/Sn (§6.3.1) corrected by K_T = 0.95·c/(1 + 0.6·x_T) (eq. 12a);
 * `transformers` of them in parallel. I''k = c·Un/(√3·|Z_k|) (§7.1.2).
 */
function handSwitchboard(transformers: 1 | 2) {
  const c = 1.1;
  const un = 20;
  const zQ = (c * un ** 2) / 5000;
  const xQ = zQ / Math.sqrt(1 + 0.1 ** 2);
  const rQ = 0.1 * xQ;
  const zT = (0.12 * un ** 2) / 63;
  const rT = (0.012 * un ** 2) / 63;
  const xT = Math.sqrt(zT ** 2 - rT ** 2);
  const kT = (0.95 * c) / (1 + 0.6 * Math.sqrt(0.12 ** 2 - 0.012 ** 2));
  const r = rQ + (kT * rT) / transformers;
  const x = xQ + (kT * xT) / transformers;
  return { ikss: (c * un) / (Math.sqrt(3) * Math.hypot(r, x)), rx: r / x };
}

async function dutyStudy(file: string, ...args: string[]) {
  const run = await sc(file, "--duty", "--format", "json", ...args);
  expect(run.code).toBe(0);
  const result = JSON.parse(run.stdout) as ShortCircuitResult;
  const duty = result.duty ?? [];
  const bus = (id: string | null) => result.buses.find((b) => b.bus === id);
  const check = (element: string, name: DutyCheck["check"]) => {
    const found = duty.find((c) => c.element === element && c.check === name);
    if (!found) throw new Error(`no ${name} check of ${element}`);
    return found;
  };
  return { run, result, duty, bus, check };
}

describe("ampflux study --duty on the rated switchboard", () => {
  it("lists every check with the DutyCheck fields, worst first (json)", async () => {
    const { run, duty } = await dutyStudy(switchboard);
    const fields = DUTY_CSV_COLUMNS.filter((f) => !["kind", "fault", "case", "outage"].includes(f));
    for (const c of duty) {
      for (const field of fields) expect(c, `${c.element} ${c.check}`).toHaveProperty(field);
      expect(c.status).toBe(dutyStatus(c.percent));
    }
    // Q1, a circuit breaker: the four breaker checks; switchboard mv: Ipk and Icw; cable L1: I²t.
    const checksOf = (element: string) => duty.filter((c) => c.element === element).map((c) => c.check);
    expect(checksOf("Q1").sort()).toEqual([...DUTY_CHECKS_BY_KIND.circuit_breaker].sort());
    expect(checksOf("mv").sort()).toEqual(["busbar_short_time", "peak_withstand"]);
    expect(checksOf("L1")).toEqual(["cable_thermal"]);
    const percents = duty.map((c) => c.percent ?? -1);
    expect(percents).toEqual([...percents].sort((a, b) => b - a));
    expect(run.stderr).toContain(`ampflux: duty: 0 overdutied, ${dutySummary(duty).warning} warning, `);
  });

  it("checks the 16 kA breaker Q1 against the hand calculation: about 95 %, a warning", async () => {
    const { check, bus } = await dutyStudy(switchboard);
    const { ikss, rx } = handSwitchboard(1);
    // Far from generator the breaking current is I''k (IEC 60909-0 §9.1.1).
    const sym = check("Q1", "breaking_sym");
    expect(sym.bus).toBe("mv");
    expect(sym.value).toBeCloseTo(ikss, 6);
    expect(sym.value).toBeCloseTo(15.3, 1);
    expect(sym).toMatchObject({ rating: 16, unit: "kA", status: "warning" });
    expect(sym.percent).toBeCloseTo((ikss / 16) * 100, 4);
    // d.c. component at contact parting, tmin = 0.1 s (eq. 64): i_DC = √2·I''k·e^(−2π·f·t·R/X).
    const iDc = Math.SQRT2 * ikss * Math.exp(-2 * Math.PI * 50 * 0.1 * rx);
    const asym = check("Q1", "breaking_asym");
    expect(asym.value).toBeCloseTo(Math.hypot(ikss, iDc), 4);
    expect(asym.rating ?? 0).toBeGreaterThanOrEqual(16);
    // Making current vs ip, short time vs Ith (tk = rated 1 s), the switchboard likewise.
    const mv = bus("mv");
    expect(check("Q1", "making")).toMatchObject({ value: mv?.ip_ka, rating: 40 });
    expect(check("Q1", "short_time")).toMatchObject({ value: mv?.ith_ka, rating: 16 });
    expect(check("mv", "peak_withstand")).toMatchObject({ value: mv?.ip_ka, rating: 62.5 });
    expect(check("mv", "busbar_short_time")).toMatchObject({ value: mv?.ith_ka, rating: 25 });
  });

  it("checks the cable's I²t against k²S² (IEC 60364-4-43 §434.5.2, Table 43A: Al/XLPE k = 94)", async () => {
    const { check, bus } = await dutyStudy(switchboard);
    const cable = check("L1", "cable_thermal");
    expect(cable.unit).toBe("kA²s");
    // k²S² = (94 A·√s/mm² · 240 mm²)² = 508.9536e6 A²s.
    expect(cable.rating).toBeCloseTo(508.9536, 9);
    expect(["mv", "f1"]).toContain(cable.bus);
    // Ith² · tk with tk = 1 s (IEC 60909-0 thermal equivalent current, IEC 60949 adiabatic).
    expect(cable.value).toBeCloseTo((bus(cable.bus)?.ith_ka ?? Number.NaN) ** 2 * 1, 9);
  });

  it("a parallel transformer pushes Q1 from warning to overdutied, and the exit code stays 0", async () => {
    const { run, check } = await dutyStudy(twoTransformers);
    const { ikss } = handSwitchboard(2);
    const sym = check("Q1", "breaking_sym");
    expect(sym.value).toBeCloseTo(ikss, 6);
    expect(sym.value).toBeCloseTo(27.6, 1);
    expect(sym.status).toBe("overdutied");
    expect(run.code).toBe(0);
    const table = await sc(twoTransformers, "--duty");
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(
      /^Q1\s+switch\s+breaking_sym\s+mv\s+27\.\d{3}\s+16\.000\s+kA\s+17\d\.\d\s+overdutied\b/m,
    );
  });

  it("with --duty-current through checks each breaker with the current through it", async () => {
    // Two parallel transformers, each with an incomer breaker at the switchboard.
    const doc = withParallelTransformer(ratedSwitchboard);
    const [q1] = doc.switches;
    const incomers = ["T1", "T2"].map((t) => ({
      ...q1,
      id: `Q${t}`,
      element: t,
      element_type: "transformer",
    }));
    const file = writeJson("incomers.json", { ...doc, switches: [...doc.switches, ...incomers] });
    const bus = await dutyStudy(file);
    const through = await dutyStudy(file, "--duty-current", "through");
    expect(through.result.options.duty_current).toBe("through");
    const { ikss } = handSwitchboard(2);
    // Bus mode: every breaker at mv sees the whole I''k(mv) of both transformers, overdutied.
    expect(bus.check("QT1", "breaking_sym").value).toBeCloseTo(ikss, 6);
    expect(bus.check("QT1", "breaking_sym").status).toBe("overdutied");
    // Through mode: an incomer carries one transformer's share, for a fault on the busbar (its
    // own) or at its transformer terminals (the other's, over the busbar). The two paths from
    // the grid bus are equal, so the share is half (superposition, IEC 60909-0 §4.2); Ib = I''k
    // far from generator. 13.8 kA of 16 kA: ok.
    expect(through.check("QT1", "breaking_sym").value).toBeCloseTo(ikss / 2, 6);
    expect(through.check("QT1", "breaking_sym").status).toBe("ok");
    // The feeder breaker Q1: a fault at its cable terminals draws everything the board gets, as
    // the cable feeds nothing back; the through current is the bus current.
    expect(through.check("Q1", "breaking_sym").value).toBeCloseTo(ikss, 6);
  });

  it("prints the checks as a table after the buses, worst first, with a count per status", async () => {
    const { duty } = await dutyStudy(switchboard);
    const run = await sc(switchboard, "--duty");
    expect(run.code).toBe(0);
    const [, dutyPart = ""] = run.stdout.split("Duty (worst first)\n");
    const [header, ...rows] = dutyPart.split("\n\n")[0]?.split("\n") ?? [];
    expect(header).toMatch(/^element\s+type\s+check\s+bus\s+value\s+rating\s+unit\s+%\s+status\s+notes$/);
    expect(rows).toHaveLength(duty.length);
    expect(rows.map((r) => r.split(/\s+/).slice(0, 3).join(" "))).toEqual(
      duty.map((c) => `${c.element} ${c.element_type} ${c.check}`),
    );
    expect(run.stdout).toMatch(
      /^L1\s+line\s+cable_thermal\s+\w+\s+\d+\.\d{3}\s+508\.954\s+kA²s\s+\d+\.\d\s+ok\b/m,
    );
    const s = dutySummary(duty);
    expect(run.stdout).toContain(
      `duty: ${s.overdutied} overdutied, ${s.warning} warning, ${s.ok} ok, ${s["missing rating"]} missing rating (${duty.length} checks)`,
    );
  });

  it("prints the duty CSV after the bus block (DUTY_CSV_COLUMNS)", async () => {
    const { duty } = await dutyStudy(switchboard);
    const run = await sc(switchboard, "--duty", "--format", "csv");
    expect(run.code).toBe(0);
    const blocks = run.stdout.split("\n\n");
    expect(blocks).toHaveLength(2);
    const [header, ...rows] = (blocks[1] ?? "").trimEnd().split("\n");
    expect(header).toBe(DUTY_CSV_COLUMNS.join(","));
    expect(rows).toHaveLength(duty.length);
    const q1 = rows.find((r) => r.startsWith("Q1,switch,circuit_breaker,breaking_sym,mv,"));
    expect(q1).toMatch(/^Q1,switch,circuit_breaker,breaking_sym,mv,15\.\d{3},16\.000,kA,9\d\.\d,warning,,,,/);
    expect(run.stderr).toMatch(/^ampflux: duty: /m);
  });
});

describe("ampflux study --default-type", () => {
  it("types the untyped elements of a collection; their own values and types win", async () => {
    // f1 has its own peak withstand rating; mv names its own type (25 kA).
    const buses = ratedSwitchboard.buses.map((b) => (b.id === "f1" ? { ...b, peak_withstand_ka: 80 } : b));
    const file = writeJson("partly-rated.json", { ...ratedSwitchboard, buses });
    const { run, check } = await dutyStudy(
      file,
      "--default-type",
      "buses=Switchgear 40 kA 1 s (IEC 62271-200)",
    );
    expect(run.stderr).toContain(
      'ampflux: --default-type: buses: "Switchgear 40 kA 1 s (IEC 62271-200)" given to 2 of 3 (1 already typed)',
    );
    // IEC 62271-200 40 kA type: Ipk = 2.5 · 40 = 100 kA, Ik = 40 kA for 1 s.
    expect(check("hv", "peak_withstand").rating).toBe(100);
    expect(check("hv", "busbar_short_time").rating).toBe(40);
    expect(check("f1", "peak_withstand").rating).toBe(80);
    expect(check("f1", "busbar_short_time").rating).toBe(40);
    expect(check("mv", "peak_withstand").rating).toBe(62.5);
  });

  it("refuses unknown collections and type ids, one line each naming the flag (exit code 2)", async () => {
    const run = await sc(
      switchboard,
      "--default-type",
      "busbars=Switchgear 40 kA 1 s (IEC 62271-200)",
      "--default-type",
      "lines=NAYY 4x999 SE",
      "--default-type",
      "switches",
    );
    expect(run).toMatchObject({ code: 2, stdout: "" });
    expect(run.stderr.split("\n").filter((l) => l.startsWith("ampflux: "))).toEqual([
      'ampflux: --default-type: "busbars" is not one of lines, transformers, switches, buses',
      'ampflux: --default-type: lines: no line type "NAYY 4x999 SE" in the built-in type library',
      'ampflux: --default-type: "switches" is not <collection>=<type id>, e.g. buses="Switchgear 25 kA 1 s (IEC 62271-200)"',
    ]);
  });
});

/** The pandapower fixture with its lines' std_type set to `names` (pandas' NaN read as null, as the importer does). */
function pandapowerWithLineTypes(names: string[]): string {
  const fixture = path.join(root, "packages/contracts/test/fixtures/pandapower/IEC60909-4_example.json");
  const net = JSON.parse(readFileSync(fixture, "utf8").replace(/\bNaN\b/g, "null"));
  const frame = JSON.parse(net.line._object) as { columns: string[]; data: unknown[][] };
  const column = frame.columns.indexOf("std_type");
  frame.data.forEach((row, i) => {
    row[column] = names[i] ?? null;
  });
  net.line._object = JSON.stringify(frame);
  return writeJson("pandapower-typed.json", net);
}

describe("ampflux study --duty on a pandapower file whose std_types are built-in types", () => {
  it("rates the cables from the matched types and checks the disconnectors (missing ratings)", async () => {
    const file = pandapowerWithLineTypes(["NAYY 4x50 SE", "NAYY 4x120 SE", "4x240 Cu", "3x150 Al"]);
    const { run, duty, check } = await dutyStudy(file);
    expect(run.stderr).toContain("ampflux:   mapped line.std_type → lines.type (2×)");
    // NAYY: aluminium, PVC, k = 76 (IEC 60364-4-43 Table 43A); k²S² = (76·50)² and (76·120)² A²s.
    expect(check("line0", "cable_thermal").rating).toBeCloseTo(14.44, 9);
    expect(check("line1", "cable_thermal").rating).toBeCloseTo(83.1744, 9);
    // The other two lines have no type and no conductor data: not checked (one warning counts them).
    expect(duty.filter((c) => c.element === "line2" || c.element === "line3")).toEqual([]);
    // The file's switches are DS: disconnectors, checked for making and short time, without ratings.
    const disconnector = duty.filter((c) => c.element === "switch0");
    expect(disconnector.map((c) => [c.kind, c.check, c.status]).sort()).toEqual([
      ["disconnector", "making", "missing rating"],
      ["disconnector", "short_time", "missing rating"],
    ]);
  });
});

describe("ampflux study --duty flags", () => {
  it("refuses --duty-current without --duty, an unknown current and --duty with --case min", async () => {
    const alone = await sc(switchboard, "--duty-current", "through");
    expect(alone.code).toBe(2);
    expect(alone.stderr).toMatch(/^ampflux: --duty-current needs --duty$/m);
    const run = await sc(switchboard, "--duty", "--duty-current", "branch", "--case", "min");
    expect(run.code).toBe(2);
    expect(run.stderr.split("\n").filter((l) => l.startsWith("ampflux: "))).toEqual([
      'ampflux: --duty-current: "branch" is not one of bus, through',
      "ampflux: --duty needs --case max (duty uses the maximum currents)",
    ]);
  });

  it("explains the flags and that overdutied checks leave the exit code 0", async () => {
    const help = await sc("--help");
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^usage: ampflux study <file> .*\[--duty\] \[--duty-current bus\|through\]/);
    expect(help.stdout).toMatch(/^ {2}--default-type COLLECTION=TYPE$/m);
    expect(help.stdout).toContain("An overdutied check\nis a finding, not an error: the exit code stays 0.");
  });
});

describe("acceptance: IEEE 118-bus case rated from the built-in library (real process)", () => {
  const CASE118 = "../shared/data/matpower/case118.m";
  const SWITCHGEAR = "Switchgear 40 kA 1 s (IEC 62271-200)";
  const CONDUCTOR = "243-AL1/39-ST1A 110.0";

  it(`lists a check for every bus and in-service line, consistent with the bus results`, async () => {
    const run = await spawnCli(
      { cwd: root },
      "study",
      CASE118,
      "--duty",
      "--format",
      "json",
      "--default-type",
      `buses=${SWITCHGEAR}`,
      "--default-type",
      `lines=${CONDUCTOR}`,
    );
    expect(run.stderr).toContain(`ampflux: --default-type: buses: "${SWITCHGEAR}" given to all 118`);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as ShortCircuitResult;
    const duty = result.duty ?? [];
    const { document } = importMatpower(readFileSync(path.join(root, CASE118), "utf8"));
    expect(result.buses).toHaveLength(118);
    const ithOf = new Map(result.buses.map((b) => [b.bus, b.ith_ka]));
    const ipOf = new Map(result.buses.map((b) => [b.bus, b.ip_ka]));
    const checksOf = (element: string, type: DutyCheck["element_type"]) =>
      duty.filter((c) => c.element === element && c.element_type === type);

    // Every switchboard: ip vs Ipk = 2.5 · 40 kA and Ith (tk = rated 1 s) vs Icw = 40 kA.
    for (const bus of document.buses) {
      const checks = checksOf(bus.id, "bus");
      expect(checks.map((c) => c.check).sort(), `bus ${bus.id}`).toEqual([
        "busbar_short_time",
        "peak_withstand",
      ]);
      expect(checks.find((c) => c.check === "peak_withstand")).toMatchObject({
        bus: bus.id,
        value: ipOf.get(bus.id),
        rating: 100,
      });
      expect(checks.find((c) => c.check === "busbar_short_time")).toMatchObject({
        bus: bus.id,
        value: ithOf.get(bus.id),
        rating: 40,
      });
    }
    // Every in-service line: Ith²·tk vs k²S², bare aluminium k = 105 (IEC 60364-5-54 Table A.54.5),
    // S = 243 mm²: (105 · 243)² A²s = 651.015225 kA²s.
    const lines = document.lines.filter((l) => l.in_service);
    expect(lines.length).toBeGreaterThan(150);
    for (const line of lines) {
      const [cable, ...more] = checksOf(line.id, "line");
      expect(more, `line ${line.id}`).toEqual([]);
      expect(cable?.check).toBe("cable_thermal");
      expect(cable?.rating).toBeCloseTo(651.015225, 9);
      expect([line.from_bus, line.to_bus]).toContain(cable?.bus);
      // Per circuit: parallel circuits share the current equally.
      const ith = (ithOf.get(cable?.bus ?? "") ?? Number.NaN) / line.parallel;
      expect(cable?.value).toBeCloseTo(ith ** 2, 9);
    }
    // Unrated transformers have no checks; every status follows from its percentage.
    expect(duty.filter((c) => c.element_type === "transformer")).toEqual([]);
    for (const c of duty) expect(c.status).toBe(dutyStatus(c.percent));
    expect(duty).toHaveLength(2 * document.buses.length + lines.length);
  }, 120_000);
});
