// `pnpm bench`: engine (WASM in Node, WASM in headless Chromium, and the sparse core natively),
// api under load, worker throughput. Prints tables, writes bench/results/latest.json and the
// plot docs/images/engine-time-vs-buses.svg. Nothing is asserted: these are measurements.
// Flags: --only engine,cli-cold,browser,native,duty,arc-flash,loadflow,report,import,psse-import,api,worker,n1-load-flow,n1-short-circuit,n1-workers,editor (default all), --quick (small cases, short runs).

import { execFileSync } from "node:child_process";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { cpus, loadavg, totalmem } from "node:os";
import { parseArgs } from "node:util";
import { benchApiLoad } from "./api-load.ts";
import { benchEditor } from "./editor.ts";
import { arcFlashTable, benchArcFlash } from "./engine/arc-flash.ts";
import { benchEngineBrowser } from "./engine/browser.ts";
import { benchCliCold } from "./engine/cli-cold.ts";
import { benchDuty, dutyTable } from "./engine/duty.ts";
import { benchLoadFlow, loadFlowTables } from "./engine/load-flow.ts";
import type { EngineRow } from "./engine/measure.ts";
import { benchEngineNode } from "./engine/node.ts";
import { benchOutageScreening, outageScreeningTable } from "./engine/outage-screening.ts";
import { benchScreeningWorkers, screeningWorkersTable } from "./engine/screening-workers.ts";
import { benchImport } from "./import-timing.ts";
import { benchN1LoadFlow } from "./n1-load-flow.ts";
import { benchPsseImport } from "./psse-import.ts";
import { engineSeries, engineTable, table, timeVsSizeSvg } from "./report.ts";
import { benchStudyReport, studyReportTable } from "./study-report.ts";
import { benchWorker } from "./worker-throughput.ts";

const PARTS = [
  "engine",
  "cli-cold",
  "browser",
  "native",
  "duty",
  "arc-flash",
  "loadflow",
  "report",
  "import",
  "psse-import",
  "api",
  "worker",
  "n1-load-flow",
  "n1-short-circuit",
  "n1-workers",
  "editor",
] as const;
// `pnpm bench -- --only duty` hands the script a literal "--" first: not a positional argument.
const args = process.argv.slice(2).filter((arg, i) => !(i === 0 && arg === "--"));
const { values } = parseArgs({
  args,
  options: { only: { type: "string" }, quick: { type: "boolean", default: false } },
});
const only = new Set(values.only ? values.only.split(",") : PARTS);
const quick = values.quick ?? false;
const root = new URL("../../", import.meta.url);
// 1-minute load average: the machine is shared, figures are read next to it.
const loadAtStart = loadavg()[0];
const results: Record<string, unknown> = {
  date: new Date().toISOString(),
  machine: {
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  },
};

const engine: { node?: EngineRow[]; browser?: EngineRow[] } = {};
if (only.has("engine")) {
  engine.node = await benchEngineNode(quick);
  console.log(`\n## Engine: WASM in Node ${process.version}\n\n${engineTable(engine.node)}`);
}
if (only.has("cli-cold")) {
  const cold = benchCliCold(quick);
  results.cliCold = cold;
  console.log(
    `\n## ampflux study and loadflow, one fresh process per run (bare node -e 0: ${cold.nodeStartupMs} ms, ampflux --help: ${cold.helpMs} ms)\n\n${table(
      [
        "network",
        "command",
        "fault",
        "entry",
        "runs",
        "first ms",
        "median ms",
        "beyond start-up ms",
        "engine ms",
      ],
      cold.rows.map((r) => [
        r.network,
        r.command,
        r.fault,
        r.entry,
        r.runs,
        r.firstMs,
        r.medianMs,
        r.beyondStartupMs,
        r.engineMs,
      ]),
    )}`,
  );
}
if (only.has("browser")) {
  engine.browser = await benchEngineBrowser(quick);
  console.log(`\n## Engine: WASM in headless Chromium\n\n${engineTable(engine.browser)}`);
  // Issue 18: Chromium within 1.5× of Node, warm medians of the same networks in this run.
  const inNode = engine.node ?? [];
  const pairs = engine.browser.flatMap((b) => {
    const n = inNode.find((r) => r.network === b.network && r.fault === b.fault);
    return n ? [[b.network, b.fault, n.ms, b.ms, b.ms / n.ms]] : [];
  });
  if (pairs.length > 0)
    console.log(
      `\n## Chromium against Node (warm medians)\n\n${table(["network", "fault", "Node ms", "Chromium ms", "Chromium / Node"], pairs)}`,
    );
}
if (engine.node || engine.browser) results.engine = engine;
if (engine.node || engine.browser) {
  const series = [
    ...engineSeries(engine.node ?? [], "Node", ["#2563eb", "#93c5fd"]),
    ...engineSeries(engine.browser ?? [], "Chromium", ["#dc2626", "#fca5a5"]),
  ].filter((s) => s.points.length > 0);
  await mkdir(new URL("docs/images/", root), { recursive: true });
  await writeFile(new URL("docs/images/engine-time-vs-buses.svg", root), timeVsSizeSvg(series));
}
if (only.has("native")) {
  // The sparse core natively and in WASM on the same matrices (packages/sim-wasm/bench/bench.ts).
  console.log("\n## Sparse core: WASM and native Rust\n");
  const out = execFileSync(process.execPath, ["bench/bench.ts"], {
    cwd: new URL("packages/sim-wasm/", root),
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  console.log(out);
  results.sparseCore = out;
}
if (only.has("duty")) {
  const rows = benchDuty(quick);
  results.duty = rows;
  console.log(`\n## Duty: all-bus 3ph maximum-case study with and without duty\n\n${dutyTable(rows)}`);
}
if (only.has("arc-flash")) {
  const rows = benchArcFlash(quick);
  results.arcFlash = rows;
  console.log(
    `\n## Arc flash: all-bus 3ph maximum-case study with and without arc flash\n\n${arcFlashTable(rows)}`,
  );
}
if (only.has("loadflow")) {
  const loadFlow = await benchLoadFlow(quick);
  results.loadFlow = loadFlow;
  console.log(
    `\n## Load flow: core.loadFlow in Node per algorithm, flat start\n\n${loadFlowTables(loadFlow)}`,
  );
}
if (only.has("report")) {
  const rows = benchStudyReport(quick);
  results.report = rows;
  console.log(`\n## Study report of case1354pegase: model → PDF by route (A4)\n\n${studyReportTable(rows)}`);
}
if (only.has("import")) {
  const rows = await benchImport(quick);
  results.import = rows;
  console.log(
    `\n## MATPOWER import (text to document, best of ${quick ? 1 : 3})\n\n${table(
      ["network", "buses", "ms"],
      rows.map((r) => [r.network, r.buses, r.ms]),
    )}`,
  );
}
if (only.has("psse-import")) {
  const rows = benchPsseImport(quick);
  results.psseImport = rows;
  console.log(
    `\n## PSS/E RAW import of synthetic cases (RAW v33 + sequence data, best of ${quick ? 1 : 3})\n\n${table(
      ["buses", "MB", "ms", "µs/bus"],
      rows.map((r) => [r.buses, r.megabytes, r.ms, r.us_per_bus]),
    )}`,
  );
}
if (only.has("api")) {
  const api = await benchApiLoad(quick ? 2 : 5);
  results.api = api;
  console.log(
    `\n## api under load (autocannon, ${quick ? 2 : 5} s per run; 10 connections: median of 3)\n\n${table(
      ["procedure", "connections", "runs", "requests", "req/s", "p50 ms", "p99 ms", "non-2xx", "CPU µs/req"],
      api.rows.map((r) => [
        r.procedure,
        r.connections,
        r.runs,
        r.requests,
        r.rps,
        r.p50Ms,
        r.p99Ms,
        r.non2xx,
        r.cpuUsPerRequest ?? "",
      ]),
    )}\n\nreq/s at 10 connections over the bare Hono route's: ${Object.entries(api.ratiosToBare)
      .map(([procedure, ratio]) => `${procedure} ${(ratio * 100).toFixed(1)} %`)
      .join(", ")}\nthe same by server CPU per request (bare's µs over the procedure's): ${Object.entries(
      api.cpuSharesOfBare,
    )
      .map(([procedure, share]) => `${procedure} ${(share * 100).toFixed(1)} %`)
      .join(", ")}`,
  );
  // A row with refusals or errors measures those, not the procedure: said, not hidden.
  const refused = api.rows.filter((r) => r.non2xx > 0);
  if (refused.length > 0)
    console.log(
      `\nnot measured (non-2xx answers): ${refused.map((r) => `${r.procedure} at ${r.connections}`).join(", ")}`,
    );
}
if (only.has("worker")) {
  const w = await benchWorker(quick ? 20 : 100);
  results.worker = w;
  console.log(
    `\n## Worker\n\n${table(
      ["measure", "value"],
      [
        [`${w.smallStudies} short-circuit studies of a 100-bus network, studies/s`, w.smallStudiesPerSecond],
        [
          `batch study: ${w.batchBuses} buses × 3ph/1ph × max/min × (base + ${w.batchContingencies} N-1), s`,
          w.batchSeconds,
        ],
      ],
    )}`,
  );
}
if (only.has("n1-short-circuit")) {
  const rows = await benchOutageScreening(quick);
  results.n1ShortCircuit = rows;
  console.log(
    `\n## N-1 screening of I''k (every branch outage, all buses, one worker)\n\n${outageScreeningTable(rows)}`,
  );
}
if (only.has("n1-workers")) {
  const rows = await benchScreeningWorkers(quick);
  results.n1Workers = rows;
  console.log(`\n## N-1 screening spread over worker processes\n\n${screeningWorkersTable(rows)}`);
}
if (only.has("n1-load-flow")) {
  const n = await benchN1LoadFlow(quick);
  results.n1LoadFlow = n;
  console.log(
    `\n## N-1 load flow: ${n.network} (${n.buses} buses), ${n.contingencies} line outages\n\n${table(
      ["measure", "value"],
      [
        ["batch route (one validated document, warm start), median ms per contingency", n.batchMedianMs],
        ["batch route, all contingencies + base, ms", n.batchTotalMs],
        ["same variants from the document's start, median ms", n.documentStartMedianMs],
        ["independent single load flows (validated each), median ms per contingency", n.singleMedianMs],
        [
          "median Newton iterations: warm start / document start",
          `${n.medianIterations} / ${n.documentStartMedianIterations}`,
        ],
        ["contingencies not converged", n.notConverged],
      ],
    )}`,
  );
}
if (only.has("editor")) {
  const e = await benchEditor();
  results.editor = e;
  const notMet = "not met: timed out";
  const frames = (f: { frames: number; p50Ms: number; p95Ms: number; maxMs: number } | null) =>
    f ? `${f.p50Ms} / ${f.p95Ms} / ${f.maxMs} (${f.frames} frames)` : notMet;
  const ms = (v: number | null | undefined) => v ?? notMet;
  console.log(
    `\n## Editor in Chromium (issue 23 goals)\n\n${table(
      ["measure", "value", "goal"],
      [
        ["case1354pegase import: file chosen → drawn, ms", ms(e.import1354?.ms), "≤ 2,000"],
        [
          "  long tasks meanwhile: count / longest ms / blocked ms (beyond 50 ms each)",
          e.import1354
            ? `${e.import1354.longTasks} / ${e.import1354.longestTaskMs} / ${e.import1354.blockedMs}`
            : notMet,
          "responsive",
        ],
        ["case13659pegase open: navigation → diagram drawn, ms", ms(e.open13659.diagramMs), "≤ 3,000"],
        ["case13659pegase open: navigation → live Ik'' shown, ms", ms(e.open13659.liveResultsMs), ""],
        ["case13659pegase pan, zoomed out: frame ms p50 / p95 / max", frames(e.pan13659Overview), "≤ 33"],
        [
          "case13659pegase wheel zoom, zoomed out: frame ms p50 / p95 / max",
          frames(e.zoom13659Overview),
          "≤ 33",
        ],
        [
          "case13659pegase pan, zoomed in (symbols): frame ms p50 / p95 / max",
          frames(e.pan13659Symbols),
          "≤ 33",
        ],
        [
          "case9241pegase edit → new Ik'' on the grid's bus shown, ms: median (each edit)",
          e.recalc9241 ? `${e.recalc9241.ms} (${e.recalc9241.edits.join(", ")})` : notMet,
          "≤ 500",
        ],
      ],
    )}${e.timedOut.map((t) => `\nnot finished within ${t.afterMs / 1000} s: ${t.step}`).join("")}`,
  );
}
// A run of some parts (--only) keeps the other parts' figures of the last full run.
const latest = new URL("bench/results/latest.json", root);
const previous: Record<string, unknown> = values.only
  ? await readFile(latest, "utf8").then(JSON.parse, () => ({}))
  : {};
const previousEngine = (previous.engine ?? {}) as typeof engine;
const merged: Record<string, unknown> = { ...previous, ...results };
// A partial run keeps the full run's date and machine at the top; its own date, machine and load
// average go under `partialRuns`, by part, so every figure says when and where it was measured.
if (values.only && previous.date) {
  merged.date = previous.date;
  merged.machine = previous.machine;
  const thisRun = {
    date: results.date,
    machine: results.machine,
    loadAverage: { start: loadAtStart, end: loadavg()[0] },
  };
  merged.partialRuns = {
    ...(previous.partialRuns as Record<string, unknown> | undefined),
    ...Object.fromEntries([...only].map((part) => [part, thisRun])),
  };
}
if (values.only && results.engine) merged.engine = { ...previousEngine, ...engine };
await mkdir(new URL("bench/results/", root), { recursive: true });
await writeFile(latest, `${JSON.stringify(merged, null, 2)}\n`);
console.log("\nwritten: bench/results/latest.json, docs/images/engine-time-vs-buses.svg");
process.exit(0);
