import { execFileSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import type { RunningApi } from "@ampflux/api";
import {
  type ArcFlashResult,
  arcFlashHazard,
  ppeLevel,
  type ShortCircuitResult,
  shortCircuitOptionsSchema,
  toCalPerCm2,
} from "@ampflux/contracts";
import { arcFlashPlant } from "@ampflux/contracts/testing";
import { claimSimulation, finishSimulation } from "@ampflux/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect } from "../src/client.ts";
import { newCompanyKey, runCli, spawnCli, startTestApi } from "./harness.ts";

// `ampflux labels`: arc-flash labels from a study result with arc_flash, end to end, read back
// with poppler-utils (pdftotext, pdfinfo). The results are this file's own fixtures: the labels
// compute nothing, so each fixture is only self-consistent the way the engine's results are
// (cal/cm² = J/cm² / 4.184, PPE and signal word from contracts' ppeLevel and arcFlashHazard), and
// the tests check that the numbers put in come out on the labels.

const dir = mkdtempSync(path.join(os.tmpdir(), "ampflux-labels-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function bus(
  id: string,
  vocKv: number,
  energyJCm2: number,
  extra: Partial<ArcFlashResult> = {},
): ArcFlashResult {
  const cal = toCalPerCm2(energyJCm2);
  const ppe = ppeLevel(cal);
  return {
    bus: id,
    voc_kv: vocKv,
    status: "ok",
    reason: null,
    equipment: "switchgear",
    config: "VCB",
    gap_mm: vocKv > 1 ? 104 : 32,
    distance_mm: vocKv > 1 ? 914.4 : 609.6,
    height_mm: 1143,
    width_mm: 762,
    depth_mm: 508,
    enclosure: "typical",
    cf: 1,
    defaulted: [],
    ibf_ka: 15,
    iarc_ka: 12,
    time_ms: 197,
    e_j_cm2: energyJCm2,
    afb_mm: 2000,
    iarc_min_ka: 10,
    time_min_ms: 223,
    e_min_j_cm2: energyJCm2 * 0.9,
    afb_min_mm: 1900,
    governing: "full",
    energy_j_cm2: energyJCm2,
    energy_cal_cm2: cal,
    boundary_mm: 2000,
    ppe_category: ppe.category,
    ppe: ppe.text,
    hazard: arcFlashHazard(cal),
    limited_approach_mm: 1500,
    restricted_approach_mm: 700,
    devices: [
      { switch: "Q1", via: "found", current_ka: 12, current_min_ka: 10, time_ms: 197, time_min_ms: 223 },
    ],
    notes: [],
    ...extra,
  };
}

const noNumber = (id: string, status: ArcFlashResult["status"], reason: string): ArcFlashResult => ({
  ...bus(id, 0.2, 1),
  status,
  reason,
  ...Object.fromEntries(
    ["energy_j_cm2", "energy_cal_cm2", "boundary_mm", "ppe", "hazard", "governing", "ppe_category"].map(
      (k) => [k, null],
    ),
  ),
});

/** Six labelled buses (4.16 kV and 480 V, WARNING and DANGER) and two without a number. */
const ARC_FLASH: ArcFlashResult[] = [
  bus("swgr", 4.16, 22.1),
  bus("t2hv", 4.16, 250.3, { governing: "reduced" }),
  noNumber("util", "no_device", "no protective device clears util and arc_flash_max_duration_s is null"),
  bus("swbd", 0.48, 34.7, { equipment: "switchgear" }),
  bus("panel", 0.48, 4.5, { equipment: "panelboard", gap_mm: 25, distance_mm: 457.2 }),
  noNumber("lv-aux", "out_of_range", "voc_kv: 0.2 kV is below the model's 0.208 kV"),
  bus("MCC/1", 0.48, 12, { equipment: "mcc" }),
  bus("<A&B>", 0.48, 60),
];

const studyResult = (arcFlash: ArcFlashResult[] | undefined): ShortCircuitResult => ({
  standard: "IEC 60909-0:2016",
  options: shortCircuitOptionsSchema.parse({ arc_flash: arcFlash !== undefined }),
  buses: [],
  branches: [],
  ...(arcFlash && { arc_flash: arcFlash }),
  warnings: [],
  timings: {},
});

function writeJson(name: string, value: unknown): string {
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify(value, null, 2));
  return file;
}

const resultFile = writeJson("result.json", studyResult(ARC_FLASH));
const out = (name: string) => path.join(dir, name);
const labels = (...args: string[]) => runCli({ cwd: dir }, "labels", ...args);
const STUDY = ["--project", "Plant A", "--network", "Main site v12", "--date", "2026-11-30"];

const pdfText = (file: string, page?: number) =>
  execFileSync("pdftotext", ["-layout", ...(page ? ["-f", `${page}`, "-l", `${page}`] : []), file, "-"], {
    encoding: "utf8",
  });
function pdfPages(file: string): { pages: number; size: string } {
  const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
  return {
    pages: Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]),
    size: /^Page size:\s+([\d.]+ x [\d.]+)/m.exec(info)?.[1] ?? "",
  };
}

const SKIPPED = [
  "ampflux: no label for util: no_device: no protective device clears util and arc_flash_max_duration_s is null",
  "ampflux: no label for lv-aux: out_of_range: voc_kv: 0.2 kV is below the model's 0.208 kV",
];

describe("ampflux labels", () => {
  it("prints one label per page for every bus with a number and lists the others on stderr", async () => {
    const run = await labels("result.json", "--out", "labels.pdf", ...STUDY);
    expect(run).toMatchObject({ code: 0, stdout: "" });
    expect(run.stderr.trim().split("\n")).toEqual([
      ...SKIPPED,
      "wrote labels.pdf: 6 labels, one per page, A4",
    ]);
    const file = out("labels.pdf");
    // ISO 216 A4: 210 × 297 mm = 595.276 × 841.89 pt.
    expect(pdfPages(file)).toEqual({ pages: 6, size: "595.276 x 841.89" });
    const first = pdfText(file, 1);
    // swgr: 22.1 J/cm² / 4.184 = 5.28 cal/cm² → PPE category 2 (NFPA 70E: ≤ 8 cal/cm²), WARNING.
    for (const part of [
      "WARNING",
      "swgr",
      "5.28 cal/cm²",
      "22.1 J/cm²",
      "Incident energy at 914 mm working distance",
      "2000 mm",
      "PPE category 2 (arc rating ≥ 8 cal/cm²)",
      "4.16 kV",
      "1500 mm",
      "700 mm",
      "Equipment: switchgear, VCB, gap 104 mm",
      "Basis: full arcing current, cleared by Q1 in 197 ms",
      "Plant A · Main site v12 · study of 2026-11-30",
    ]) {
      expect(first).toContain(part);
    }
    // t2hv: 250.3 J/cm² = 59.8 cal/cm² > 40: DANGER, no PPE category; its reduced case governs.
    const second = pdfText(file, 2);
    for (const part of [
      "DANGER",
      "t2hv",
      "59.8 cal/cm²",
      "no PPE category",
      "reduced arcing current, cleared by Q1 in 223 ms",
    ]) {
      expect(second).toContain(part);
    }
    // 480 V buses: NFPA 70E Table 130.4(E)(a) row 151–750 V, limited 1.0 m, restricted 0.3 m.
    expect(pdfText(file, 3)).toMatch(/swbd[\s\S]*8\.29 cal\/cm²[\s\S]*480 V[\s\S]*1000 mm[\s\S]*300 mm/);
    expect(pdfText(file, 6)).toContain("<A&B>");
  });

  it("prints four labels per landscape Letter sheet", async () => {
    const run = await labels(
      resultFile,
      "--out",
      "sheet.pdf",
      "--layout",
      "sheet",
      "--paper",
      "Letter",
      ...STUDY,
    );
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("wrote sheet.pdf: 6 labels, four per sheet, Letter");
    // US Letter 8.5 × 11 in = 612 × 792 pt, landscape.
    expect(pdfPages(out("sheet.pdf"))).toEqual({ pages: 2, size: "792 x 612" });
    const second = pdfText(out("sheet.pdf"), 2);
    expect(second).toContain("MCC/1");
    expect(second).toContain("<A&B>");
    expect(second).not.toContain("swgr");
  });

  it("says on stderr what the labels say when --project, --network and --date are not given", async () => {
    const run = await labels("result.json", "--out", "bare.pdf", "--bus", "swbd");
    const today = new Date().toISOString().slice(0, 10);
    expect(run.code).toBe(0);
    expect(run.stderr.trim().split("\n")).toEqual([
      'ampflux: no --project: the labels say "project not given"',
      'ampflux: no --network: the labels say "network not given"',
      `ampflux: no --date: the labels are dated today, ${today}`,
      "wrote bare.pdf: 1 label, one per page, A4",
    ]);
    expect(pdfText(out("bare.pdf"))).toContain(`project not given · network not given · study of ${today}`);
  });

  it("writes one SVG per bus beside --out, the bus ids made safe for file names", async () => {
    const run = await labels("result.json", "--out", "svg/label.svg", ...STUDY);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("cannot write svg/label-swgr.svg");
    mkdirSync(out("svg"));
    const ok = await labels("result.json", "--out", "svg/label.svg", ...STUDY);
    expect(ok.code).toBe(0);
    const files = ["swgr", "t2hv", "swbd", "panel", "MCC_1", "_A_B_"].map((b) => `label-${b}.svg`);
    expect(readdirSync(out("svg")).sort()).toEqual([...files].sort());
    expect(ok.stderr).toContain(files.map((f) => `wrote svg/${f}`).join("\n"));
    const markup = readFileSync(out("svg/label-_A_B_.svg"), "utf8");
    expect(markup).toContain("&lt;A&amp;B&gt;");
    expect(markup).not.toContain("<A&B>");
    // 60 J/cm² = 14.3 cal/cm², one decimal from 10 cal/cm².
    expect(markup).toContain(">14.3 cal/cm²<");
  });

  it("writes a single SVG to --out itself for one bus, and reads a stored simulation object", async () => {
    writeJson("simulation.json", { id: "s1", status: "succeeded", result: studyResult(ARC_FLASH) });
    const run = await labels("simulation.json", "--out", "panel.svg", "--bus", "panel", ...STUDY);
    expect(run).toMatchObject({ code: 0, stderr: "wrote panel.svg\n" });
    const svg = readFileSync(out("panel.svg"), "utf8");
    // panel: 4.5 J/cm² = 1.08 cal/cm² < 1.2: no arc-rated PPE required (NFPA 70E).
    expect(svg).toContain(">1.08 cal/cm²<");
    // The PPE text wraps to two lines (two <text> elements).
    const words = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]).join(" ");
    expect(words).toContain("below 1.2 cal/cm²: arc-rated PPE not required");
  });

  it("refuses a result without arc_flash, broken entries, and buses that cannot be labelled", async () => {
    writeJson("plain.json", studyResult(undefined));
    writeJson(
      "broken.json",
      studyResult([bus("b1", 0.48, 10), { ...bus("b2", -1, 10), hazard: "severe" as never }]),
    );
    writeJson("none.json", studyResult([ARC_FLASH[2] as ArcFlashResult]));
    writeFileSync(out("text.json"), "not json");
    const [plain, broken, none, text, missing, unknownBus] = await Promise.all([
      labels("plain.json", "--out", "x.pdf"),
      labels("broken.json", "--out", "x.pdf"),
      labels("none.json", "--out", "x.pdf", ...STUDY),
      labels("text.json", "--out", "x.pdf"),
      labels("nowhere.json", "--out", "x.pdf"),
      labels("result.json", "--out", "x.pdf", "--bus", "swgr", "--bus", "B99", ...STUDY),
    ]);
    expect(plain).toMatchObject({ code: 1 });
    expect(plain.stderr).toContain(
      "ampflux: plain.json: the result has no arc_flash: run the study with arc flash on",
    );
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain(
      "ampflux: broken.json: arc_flash[1].voc_kv: Too small: expected number to be >0",
    );
    expect(broken.stderr).toMatch(/ampflux: broken\.json: arc_flash\[1\]\.hazard: Invalid option/);
    expect(none).toMatchObject({
      code: 1,
      stderr: `ampflux: no bus has an arc-flash number to print\n${SKIPPED[0]}\n`,
    });
    expect(text.stderr).toMatch(/^ampflux: text\.json: not JSON: /);
    expect(missing.stderr).toMatch(/^ampflux: nowhere\.json: no such file/);
    expect(unknownBus.stderr).toBe("ampflux: --bus B99: the result has no arc-flash entry for this bus\n");
    for (const run of [plain, broken, none, text, missing, unknownBus])
      expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out("x.pdf"))).toBe(false);
  });

  it("refuses a wrong command line with exit code 2 and the usage", async () => {
    const runs = await Promise.all([
      labels("result.json"),
      labels("result.json", "--out", "x.png"),
      labels("result.json", "--out", "x.svg", "--layout", "sheet"),
      labels("result.json", "--out", "x.pdf", "--paper", "A3"),
      labels("result.json", "--out", "x.pdf", "--date", "2026-02-30"),
      labels("--out", "x.pdf"),
      labels("--simulation", "s1", "--out", "x.pdf"),
      labels("result.json", "--simulation", "s1", "--project", "p", "--out", "x.pdf"),
    ]);
    expect(runs.map((r) => r.code)).toEqual(Array(runs.length).fill(2));
    expect(runs.map((r) => r.stderr.split("\n")[0])).toEqual([
      "ampflux: labels needs --out FILE.pdf or --out FILE.svg",
      'ampflux: --out: "x.png" must end in .pdf or .svg',
      "ampflux: --layout and --paper are for PDF output (--out FILE.pdf)",
      'ampflux: --paper: "A3" is not one of A4, Letter',
      'ampflux: --date: "2026-02-30" is not a date YYYY-MM-DD',
      "ampflux: labels needs a result file (RESULT.json) or --simulation ID --project ID",
      "ampflux: --simulation needs --project ID",
      "ampflux: labels takes a result file or --simulation ID, not both",
    ]);
    expect(runs[0]?.stderr).toContain("usage: ampflux labels <result.json> --out FILE.pdf|FILE.svg");
  });

  it("runs as a real process and has its own help", async () => {
    const [help, run] = await Promise.all([
      spawnCli({}, "labels", "--help"),
      spawnCli({ cwd: dir }, "labels", "result.json", "--out", "spawned.pdf", "--bus", "swgr", ...STUDY),
    ]);
    expect(help).toMatchObject({ code: 0 });
    expect(help.stdout).toContain("--layout        page: one label per page");
    expect(run).toMatchObject({ code: 0, stderr: "wrote spawned.pdf: 1 label, one per page, A4\n" });
    expect(pdfText(out("spawned.pdf"))).toContain("5.28 cal/cm²");
  });
});

describe("ampflux labels --simulation", () => {
  let api: RunningApi;
  let env: { url: string; apiKey: string; cwd: string };
  beforeAll(async () => {
    // Every study is queued (no bus runs inline); the test plays the worker that finishes it.
    api = await startTestApi({ SIM_INLINE_MAX_BUSES: "0" });
    env = { url: api.url, apiKey: await newCompanyKey(api.url, "labels"), cwd: dir };
  });
  afterAll(() => api?.close());

  it("labels a stored study with the project's name, the network's name and version and the bus names", async () => {
    const ampflux = (...args: string[]) => runCli(env, ...args);
    const projectId = (await ampflux("projects", "create", "Refinery")).stdout.trim();
    const plant = writeJson("plant.json", arcFlashPlant);
    expect(await ampflux("circuits", "import", plant, "--project", projectId)).toMatchObject({ code: 0 });
    const started = await ampflux("simulate", "--project", projectId);
    const simulationId = started.stdout.trim();
    const queued = await ampflux(
      "labels",
      "--simulation",
      simulationId,
      "--project",
      projectId,
      "--out",
      "q.pdf",
    );
    expect(queued).toMatchObject({
      code: 1,
      stderr: "ampflux: the study has no result: it is still queued\n",
    });

    const db = api.deps.database.db;
    expect(await claimSimulation(db, simulationId)).toBe(true);
    const result = studyResult([
      bus("swgr", 4.16, 22.1),
      bus("swbd", 0.48, 34.7),
      ARC_FLASH[2] as ArcFlashResult,
    ]);
    await finishSimulation(db, simulationId, { status: "succeeded", result, timings: {} });
    const stored = await connect(env).simulations.get.query({ projectId, simulationId });
    const finished = new Date(stored.finishedAt ?? "").toISOString().slice(0, 10);

    const run = await ampflux(
      "labels",
      "--simulation",
      simulationId,
      "--project",
      projectId,
      "--out",
      "api.pdf",
    );
    expect(run).toMatchObject({ code: 0 });
    expect(run.stderr.trim().split("\n")).toEqual([SKIPPED[0], "wrote api.pdf: 2 labels, one per page, A4"]);
    const text = pdfText(out("api.pdf"));
    expect(text).toContain("Switchgear 4.16 kV (swgr)");
    expect(text).toContain("Switchgear 480 V (swbd)");
    expect(text).toContain(`Refinery · Arc-flash plant v1 · study of ${finished}`);

    const dated = await ampflux(
      "labels",
      "--simulation",
      simulationId,
      "--project",
      projectId,
      "--out",
      "api.svg",
      "--bus",
      "swbd",
      "--date",
      "2026-12-01",
      "--network",
      "Refinery network v1 (approved)",
    );
    expect(dated).toMatchObject({ code: 0, stderr: "wrote api.svg\n" });
    expect(readFileSync(out("api.svg"), "utf8")).toContain(
      "Refinery · Refinery network v1 (approved) · study of 2026-12-01",
    );
  });
});
