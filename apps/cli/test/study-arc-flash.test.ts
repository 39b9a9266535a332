import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ARC_FLASH_CSV_COLUMNS, type ArcFlashResult, type ShortCircuitResult } from "@ampflux/contracts";
import { arcFlashPlant } from "@ampflux/contracts/testing";
import { loadSimCore } from "@ampflux/sim-wasm";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "./harness.ts";

// `ampflux study --arc-flash` in this process, as typed in the repository root. The results are
// the engine's (its own tests check them against IEEE 1584-2018 and the relay curves); what is
// verified here is that the command asks for them as the flags say and prints every bus of
// them, in bus order, in each format.
const root = fileURLToPath(new URL("../../..", import.meta.url));
const dir = mkdtempSync(path.join(os.tmpdir(), "ampflux-arc-flash-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sc = (...args: string[]) => runCli({ cwd: root }, "study", ...args);

const plant = path.join(dir, "plant.json");
writeFileSync(plant, JSON.stringify(arcFlashPlant));

const core = await loadSimCore();
const BUS_ORDER = arcFlashPlant.buses.map((b) => b.id);

async function arcFlash(...args: string[]): Promise<{ result: ShortCircuitResult; rows: ArcFlashResult[] }> {
  const run = await sc(plant, "--arc-flash", "--format", "json", ...args);
  expect(run.stderr).not.toMatch(/error/i);
  expect(run.code).toBe(0);
  const result = JSON.parse(run.stdout) as ShortCircuitResult;
  return { result, rows: result.arc_flash ?? [] };
}

const rowOf = (rows: ArcFlashResult[], bus: string) => {
  const row = rows.find((r) => r.bus === bus);
  if (!row) throw new Error(`no arc-flash row for ${bus}`);
  return row;
};

describe("ampflux study --arc-flash on the arc-flash plant", () => {
  it("implies the 3ph fault and prints the engine's results for every bus in bus order (json)", async () => {
    const { result, rows } = await arcFlash();
    expect(result.options).toMatchObject({ fault: "3ph", arc_flash: true, arc_flash_max_duration_s: 2 });
    expect(rows.map((r) => r.bus)).toEqual(BUS_ORDER);
    const direct = core.shortCircuit(arcFlashPlant, { fault: "3ph", arc_flash: true });
    expect(rows).toEqual(direct.arc_flash);
    // The relayed incomer clears the 4.16 kV switchgear; the utility bus lasts the 2 s cap.
    expect(rowOf(rows, "swgr").devices.map((d) => [d.switch, d.via])).toEqual([["Q1", "found"]]);
    expect(rowOf(rows, "util")).toMatchObject({ status: "ok", time_ms: 2000, devices: [] });
  });

  it("--arc-flash-max-duration S caps the arc; none leaves an unprotected bus without a number", async () => {
    const capped = await arcFlash("--arc-flash-max-duration", "0.5");
    expect(capped.result.options.arc_flash_max_duration_s).toBe(0.5);
    expect(rowOf(capped.rows, "util").time_ms).toBe(500);
    const uncapped = await arcFlash("--arc-flash-max-duration", "none");
    expect(uncapped.result.options.arc_flash_max_duration_s).toBeNull();
    const util = rowOf(uncapped.rows, "util");
    expect(util).toMatchObject({ status: "no_device", energy_cal_cm2: null });
    expect(util.reason).toMatch(/arc_flash_max_duration_s is null/);
    // A bus cleared within both caps (panel: Q3 in 50 ms) does not depend on them; swgr's
    // incomer relay takes about 1 s, so the 0.5 s cap cuts its arc short.
    expect(rowOf(uncapped.rows, "panel")).toEqual(rowOf(capped.rows, "panel"));
    expect(rowOf(capped.rows, "swgr").time_ms).toBe(500);
    expect(rowOf(uncapped.rows, "swgr").time_ms).toBeGreaterThan(500);
  });

  it("prints a table row per bus, each bus's notes and defaults, and a summary line", async () => {
    const { rows } = await arcFlash();
    const run = await sc(plant, "--arc-flash");
    expect(run.code).toBe(0);
    const lines = run.stdout.split("\n");
    const heading = lines.indexOf("Arc flash (IEEE 1584-2018)");
    expect(heading).toBeGreaterThan(0);
    const header = lines[heading + 1] ?? "";
    for (const title of [
      "bus",
      "Voc kV",
      "Ibf kA",
      "Iarc kA",
      "t ms",
      "E cal/cm²",
      "AFB mm",
      "PPE",
      "governing",
      "devices",
    ])
      expect(header).toContain(title);
    const table = lines.slice(heading + 2, heading + 2 + rows.length);
    expect(table.map((l) => l.split(/\s+/)[0])).toEqual(BUS_ORDER);
    const swgr = rowOf(rows, "swgr");
    const swgrLine = table[BUS_ORDER.indexOf("swgr")] ?? "";
    expect(swgrLine).toContain((swgr.energy_cal_cm2 ?? 0).toFixed(2));
    expect(swgrLine).toContain(`Q1 ${(swgr.devices[0]?.current_ka ?? 0).toFixed(3)} kA`);
    // PPE: the category, or DANGER where no category covers the energy (> 40 cal/cm²).
    for (const r of rows) {
      const line = table[BUS_ORDER.indexOf(r.bus)] ?? "";
      if (r.ppe_category !== null) expect(line).toMatch(new RegExp(`\\s${r.ppe_category}\\s`));
      if (r.hazard === "danger") expect(line).toContain("DANGER");
    }
    // The panel has no data: every value it used is listed as defaulted.
    expect(run.stdout).toMatch(/^panel: defaulted equipment: switchgear \(no equipment class given\); /m);
    expect(run.stdout).toMatch(
      /^util: current from the source at util reaches the arc through no protective device/m,
    );
    expect(run.stdout).toMatch(/^arc flash: 6 ok \(6 buses\); highest \d+\.\d{2} cal\/cm² at \w+ \(/m);
  });

  it("adds the arc-flash CSV block (ARC_FLASH_CSV_COLUMNS) after the bus block", async () => {
    const { rows } = await arcFlash();
    const run = await sc(plant, "--arc-flash", "--format", "csv");
    expect(run.code).toBe(0);
    const blocks = run.stdout.split("\n\n");
    expect(blocks).toHaveLength(2);
    const [header, ...lines] = (blocks[1] ?? "").trimEnd().split("\n");
    expect(header).toBe(ARC_FLASH_CSV_COLUMNS.join(","));
    expect(lines.map((l) => l.split(",")[0])).toEqual(BUS_ORDER);
    const swgr = lines[BUS_ORDER.indexOf("swgr")]?.split(",") ?? [];
    const column = (name: (typeof ARC_FLASH_CSV_COLUMNS)[number]) =>
      swgr[ARC_FLASH_CSV_COLUMNS.indexOf(name)];
    expect(column("energy_cal_cm2")).toBe((rowOf(rows, "swgr").energy_cal_cm2 ?? 0).toFixed(2));
    expect(column("status")).toBe("ok");
    expect(run.stderr).toMatch(/^ampflux: arc flash: 6 ok/m);
  });

  it("--labels FILE.pdf writes one label per bus with a number, after printing the results", async () => {
    const { rows } = await arcFlash();
    const pdf = path.join(dir, "labels.pdf");
    const run = await sc(plant, "--arc-flash", "--labels", pdf, "--paper", "Letter");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Arc flash (IEEE 1584-2018)");
    const today = new Date().toISOString().slice(0, 10);
    expect(run.stderr).toContain(
      `ampflux: labels: project "${plant}" (the file), network "Arc-flash plant", dated ${today}`,
    );
    // pdftotext (poppler-utils): one page per label, each with its bus's title and energy.
    const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
    const pages = text.split("\f").filter((page) => page.trim() !== "");
    expect(pages).toHaveLength(rows.length);
    const swgr = pages.find((page) => page.includes("Switchgear 4.16 kV (swgr)"));
    expect(swgr).toContain((rowOf(rows, "swgr").energy_cal_cm2 ?? 0).toFixed(1));
    expect(pages.some((page) => page.includes("DANGER"))).toBe(true);
  });

  it("--labels FILE.svg writes FILE-<bus>.svg; no cap leaves util without a label, said on stderr", async () => {
    const svg = path.join(dir, "label.svg");
    const run = await sc(plant, "--arc-flash", "--arc-flash-max-duration", "none", "--labels", svg);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^ampflux: no label for util: no_device: /m);
    expect(existsSync(path.join(dir, "label-util.svg"))).toBe(false);
    const swbd = readFileSync(path.join(dir, "label-swbd.svg"), "utf8");
    expect(swbd).toMatch(/^<\?xml[\s\S]*<svg [\s\S]*Switchgear 480 V \(swbd\)[\s\S]*<\/svg>\s*$/);
  });

  it("exits 2 for labels without --arc-flash or with another file type", async () => {
    const alone = await sc(plant, "--labels", path.join(dir, "x.pdf"));
    expect(alone.code).toBe(2);
    expect(alone.stderr).toMatch(/^ampflux: --labels needs --arc-flash$/m);
    const png = await sc(plant, "--arc-flash", "--labels", path.join(dir, "x.png"), "--layout", "poster");
    expect(png.code).toBe(2);
    expect(png.stderr).toMatch(/^ampflux: --labels: ".*x\.png" must end in \.pdf or \.svg$/m);
    expect(png.stderr).toMatch(/^ampflux: --layout: "poster" is not one of page, sheet$/m);
  });

  it("exits 2 for another fault type, a bad duration, or a duration without --arc-flash", async () => {
    const fault = await sc(plant, "--arc-flash", "--fault", "1ph");
    expect(fault.code).toBe(2);
    expect(fault.stderr).toMatch(/^ampflux: --arc-flash needs --fault 3ph .*, not 1ph$/m);
    const duration = await sc(plant, "--arc-flash", "--arc-flash-max-duration", "forever");
    expect(duration.code).toBe(2);
    expect(duration.stderr).toMatch(
      /^ampflux: --arc-flash-max-duration: "forever" is not a number of seconds$/m,
    );
    const range = await sc(plant, "--arc-flash", "--arc-flash-max-duration", "100");
    expect(range.code).toBe(2);
    expect(range.stderr).toMatch(/^ampflux: --arc-flash-max-duration: /m);
    const alone = await sc(plant, "--arc-flash-max-duration", "1");
    expect(alone.code).toBe(2);
    expect(alone.stderr).toMatch(/^ampflux: --arc-flash-max-duration needs --arc-flash$/m);
  });
});
