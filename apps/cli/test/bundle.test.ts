import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ShortCircuitResult } from "@ampflux/contracts";
import { arcFlashPlant } from "@ampflux/contracts/testing";
import { afterAll, describe, expect, it } from "vitest";
import { runCli, spawnCommand } from "./harness.ts";

// The bundled CLI (scripts/build.ts, what bin/ampflux.js runs) against the sources run in this
// process: the same results, and the files it finds beside other packages (the WASM core, the
// label fonts) found from the bundle's own folder.
const cli = fileURLToPath(new URL("..", import.meta.url));
const root = path.join(cli, "../..");
const dir = mkdtempSync(path.join(os.tmpdir(), "ampflux-bundle-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const outdir = path.join(dir, "dist");
execFileSync(process.execPath, [path.join(cli, "scripts/build.ts"), "--outdir", outdir], {
  stdio: "inherit",
});
const bundled = (...args: string[]) =>
  spawnCommand([process.execPath, path.join(outdir, "ampflux.js"), ...args], { cwd: root });

/** stderr without the engine's timing line, which differs run to run. */
const notes = (stderr: string) => stderr.replace(/^ampflux: \d+ buses, engine .*$/m, "");

/** The result without its wall-clock timings. */
function results(stdout: string): Omit<ShortCircuitResult, "timings"> {
  const { timings: _timings, ...rest } = JSON.parse(stdout) as ShortCircuitResult;
  return rest;
}

describe("the bundled CLI", () => {
  it("prints the same study as the sources for a MATPOWER case, 3ph and 1ph", async () => {
    for (const fault of ["3ph", "1ph"]) {
      const args = ["study", "../shared/data/matpower/case14.m", "--fault", fault, "--format", "json"];
      const [fromBundle, fromSources] = await Promise.all([bundled(...args), runCli({ cwd: root }, ...args)]);
      expect(fromBundle.code).toBe(0);
      expect(fromSources.code).toBe(0);
      expect(notes(fromBundle.stderr)).toBe(notes(fromSources.stderr));
      expect(results(fromBundle.stdout)).toEqual(results(fromSources.stdout));
    }
  });

  it("writes PDF labels with the DejaVu fonts of the reports package", async () => {
    const plant = path.join(dir, "plant.json");
    writeFileSync(plant, JSON.stringify(arcFlashPlant));
    const pdf = path.join(dir, "labels.pdf");
    const run = await bundled("study", plant, "--arc-flash", "--labels", pdf);
    expect(run.stderr).not.toMatch(/error|cannot/i);
    expect(run.code).toBe(0);
    expect(readFileSync(pdf).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    // pdffonts (poppler-utils): both label fonts embedded (pdf-lib names them DejaVuSans-<tag>).
    const fonts = execFileSync("pdffonts", [pdf], { encoding: "utf8" });
    expect(fonts).toMatch(/^DejaVuSans-\d+ .* yes /m);
    expect(fonts).toMatch(/^DejaVuSans-Bold-\d+ .* yes /m);
  });

  // The bundle keeps zod's English messages only (scripts/build.ts, englishZodLocales): a
  // refused document is worded as the sources word it.
  it("refuses an invalid document with the sources' words", async () => {
    // Two of zod's own messages: a value outside an enum and a key the schema does not know.
    const document = { ...arcFlashPlant, frequency_hz: 55, buses: [{ ...arcFlashPlant.buses[0], bogus: 1 }] };
    const bad = path.join(dir, "bad.json");
    writeFileSync(bad, JSON.stringify(document));
    const [fromBundle, fromSources] = await Promise.all([
      bundled("study", bad),
      runCli({ cwd: root }, "study", bad),
    ]);
    expect(fromBundle.code).not.toBe(0);
    expect(fromBundle.stderr).toMatch(/Invalid option: expected one of 50\|60/);
    expect(fromBundle.stderr).toMatch(/Unrecognized key: "bogus"/);
    expect(fromBundle.stderr).toBe(fromSources.stderr);
  });

  it("exits 2 with the usage line on a bad flag, as the sources do", async () => {
    const run = await bundled("study", "x.m", "--bogus");
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^ampflux: unknown flag --bogus$/m);
  });
});
