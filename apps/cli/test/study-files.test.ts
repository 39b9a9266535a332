import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ShortCircuitResult } from "@ampflux/contracts";
import { importMatpower, importPandapower, importPsse } from "@ampflux/contracts/importers";
import { loadSimCore } from "@ampflux/sim-wasm";
import { afterAll, describe, expect, it } from "vitest";
import { runCli, spawnCommand } from "./harness.ts";

// `ampflux study` on each network file format, told apart by content; and `pnpm sc`, the alias.
const root = fileURLToPath(new URL("../../..", import.meta.url));
const fixtures = path.join(root, "packages/contracts/test/fixtures");
const case9 = path.join(root, "../shared/data/matpower/case9.m");
const dir = mkdtempSync(path.join(os.tmpdir(), "ampflux-study-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The file under a name that says nothing (or the wrong thing) about its format. */
function renamed(file: string, name: string): string {
  const copy = path.join(dir, name);
  copyFileSync(file, copy);
  return copy;
}

const study = (...args: string[]) => runCli({ cwd: root }, "study", ...args);

/** The engine's own result for a file the importer read: what the command must print. */
async function expectedBuses(document: unknown) {
  return (await loadSimCore()).shortCircuit(document, { fault: "1ph" }).buses;
}

describe("ampflux study reads every network format by its content", () => {
  it("a pandapower network (to_json), with the import report on stderr", async () => {
    const source = path.join(fixtures, "pandapower/IEC60909-4_example.json");
    const run = await study(renamed(source, "iec-example.data"), "--fault", "1ph", "--format", "json");
    expect(run.code).toBe(0);
    const { document } = importPandapower(readFileSync(source, "utf8"));
    const result = JSON.parse(run.stdout) as ShortCircuitResult;
    expect(result.buses).toHaveLength(6);
    expect(result.buses).toEqual(await expectedBuses(document));
    const stderr = run.stderr.split("\n");
    expect(stderr).toContainEqual(
      expect.stringMatching(/iec-example\.data: imported as pandapower: 6 buses, /),
    );
    expect(stderr).toContain("ampflux:   mapped bus → buses (6×)");
    expect(stderr).toContainEqual(expect.stringMatching(/^ampflux: {3}adjusted transformers\.vector_group /));
    // The fixture's switches are all DS (disconnecting switches); its std_types are not built-in names.
    expect(stderr).toContain("ampflux:   mapped switch.type (CB/LBS/LS/DS) → switches.kind (12×)");
    expect(stderr).toContainEqual(
      expect.stringMatching(/^ampflux: {3}dropped 4 line\.std_type: no line type /),
    );
  });

  it("a PSS/E RAW v33 case", async () => {
    const source = path.join(fixtures, "psse/three-winding_v33.raw");
    const run = await study(renamed(source, "three-winding.txt"), "--fault", "1ph", "--format", "json");
    expect(run.code).toBe(0);
    const { document } = importPsse(readFileSync(source, "utf8"));
    const result = JSON.parse(run.stdout) as ShortCircuitResult;
    expect(result.buses.map((b) => b.bus)).toEqual(["bus1", "bus2", "bus3", "bus4"]);
    expect(result.buses).toEqual(await expectedBuses(document));
    expect(run.stderr).toMatch(/three-winding\.txt: imported as psse: 4 buses, .*1 transformers3w/);
    expect(run.stderr).toContain("ampflux:   mapped three-winding transformer data → transformers3w (1×)");
  });

  it.each([32, 33, 34, 35])("a PSS/E RAW v%i case with its .seq file (--seq)", async (v) => {
    const raw = path.join(fixtures, `psse/same-network_v${v}.raw`);
    const seq = path.join(fixtures, `psse/same-network_v${v}.seq`);
    const run = await study(raw, "--seq", seq, "--fault", "1ph", "--format", "json");
    expect(run.code).toBe(0);
    const { document } = importPsse(readFileSync(raw, "utf8"), {}, readFileSync(seq, "utf8"));
    // The .seq file's zero sequence data reached the engine (X0 of the generator, YNd5 with X_N).
    expect(document.generators[0]?.x0_pu).toBe(0.08);
    const result = JSON.parse(run.stdout) as ShortCircuitResult;
    expect(result.buses).toEqual(await expectedBuses(document));
    expect(run.stderr).toContain(`ampflux:   mapped PSS/E version ${v} sequence data → document (1×)`);
  });

  it("refuses --seq with a file that is not a PSS/E case", async () => {
    const seq = path.join(fixtures, "psse/same-network_v33.seq");
    const run = await study(case9, "--seq", seq);
    expect(run).toMatchObject({ code: 1, stdout: "" });
    expect(run.stderr).toContain("sequence data belongs to a PSS/E RAW case");
  });

  it("a MATPOWER case whatever its extension", async () => {
    const original = await study(case9, "--format", "csv");
    const misnamed = await study(renamed(case9, "case9.json"), "--format", "csv");
    expect(original.code).toBe(0);
    expect(misnamed).toMatchObject({ code: 0, stdout: original.stdout });
    expect(misnamed.stderr).toContain("case9.json: imported as matpower: 9 buses");
  });

  it("an AmpFlux document that names its schema last", async () => {
    const run = await study(case9, "--format", "json");
    const { document } = importMatpower(readFileSync(case9, "utf8"));
    const { schema, ...rest } = document;
    const file = path.join(dir, "schema-last.json");
    const text = JSON.stringify({ ...rest, schema }, null, 2);
    expect(text.indexOf('"schema"')).toBeGreaterThan(4096);
    writeFileSync(file, text);
    const last = await study(file, "--format", "json");
    expect(last).toMatchObject({ code: 0, stderr: expect.stringMatching(/^ampflux: 9 buses, engine /) });
    expect(JSON.parse(last.stdout).buses).toEqual(JSON.parse(run.stdout).buses);
  });

  it("refuses a file of no known format (exit code 1)", async () => {
    const notes = path.join(dir, "notes.txt");
    writeFileSync(notes, "bus 1 is the slack\n");
    const run = await study(notes);
    expect(run).toMatchObject({ code: 1, stdout: "" });
    expect(run.stderr).toBe(
      `ampflux: ${notes}: not a network file: expected a MATPOWER case, pandapower JSON, PSS/E RAW (v32-v35), IEEE CDF or AmpFlux network JSON\n`,
    );
  });

  it("prints its own help and usage line", async () => {
    const help = await study("--help");
    expect(help).toMatchObject({ code: 0, stderr: "" });
    expect(help.stdout).toMatch(/^usage: ampflux study <file> \[--fault 3ph\|2ph\|1ph\|2ph_earth\]/);
    expect(help.stdout).toContain("--branches  also print branch-end currents for each --bus");
    const missing = await study();
    expect(missing).toMatchObject({ code: 2, stdout: "" });
    expect(missing.stderr.split("\n")).toEqual([
      "ampflux: study takes <file>, got none",
      expect.stringMatching(/^usage: ampflux study <file> /),
      "",
    ]);
  });
});

/** The repository's package.json script `name`, run as pnpm runs it (with this Node for `node`). */
function runScript(name: string, ...args: string[]) {
  const scripts = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")).scripts;
  const [program, ...words] = String(scripts[name]).split(" ");
  expect(program).toBe("node");
  return spawnCommand([process.execPath, ...words, ...args], { cwd: root });
}

/** The engine's timings differ from run to run; everything else must not. */
const withoutTimings = (json: string) => json.replace(/("timings": \{)[^}]*\}/, "$1 … }");

describe("pnpm sc, the alias of ampflux study (real processes)", () => {
  it("prints byte for byte what ampflux study prints", async () => {
    const args = ["../shared/data/matpower/case9.m", "--format", "json"];
    const [sc, ampflux] = await Promise.all([
      runScript("sc", ...args),
      runScript("ampflux", "study", ...args),
    ]);
    expect(sc).toMatchObject({ code: 0 });
    expect(ampflux).toMatchObject({ code: 0 });
    expect(sc.stdout).toMatch(/"timings": \{/);
    expect(withoutTimings(sc.stdout)).toBe(withoutTimings(ampflux.stdout));
    expect(JSON.parse(sc.stdout).buses).toHaveLength(9);
  });
});
