// Study reports of case1354pegase (issue 20: ≤ 30 s and ≤ 20 MB for a 1,354-bus study): the
// sim-wasm study with duty and arc flash, buildReportModel, then the PDF by each route — pdf-lib
// in Node (what the worker uses) and Debian's Chromium printing the report's HTML
// (playwright-core page.pdf) — cold (first render in a fresh process, font loading, module
// compilation and for Chromium its launch included) and warm (best of the repeats after it).
// Two networks: as imported (110–750 kV: every arc-flash row out of range, so no labels) and the
// arc-flash benchmark's 13.8 kV synthetic copy with relays on all branches (a label per bus).

import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { NetworkDocument } from "@ampflux/contracts";
import { buildReportModel, renderReportHtml, renderReportPdf } from "@ampflux/reports";
import { loadLabelFont } from "@ampflux/reports/node";
import { loadSimCore } from "@ampflux/sim-wasm";
import { launchChromium } from "../../apps/web/test/browser.ts";
import { synthetic } from "./engine/arc-flash.ts";
import { matpowerNetwork } from "./networks.ts";
import { table } from "./report.ts";

export const REPORT_ROUTES = ["pdf-lib", "chromium"] as const;
export type ReportRoute = (typeof REPORT_ROUTES)[number];
export const REPORT_NETWORKS = ["as imported", "13.8 kV synthetic + relays"] as const;
export type ReportNetwork = (typeof REPORT_NETWORKS)[number];

export interface ReportRow {
  route: ReportRoute;
  network: ReportNetwork;
  buses: number;
  labels: number;
  studyMs: number;
  modelMs: number;
  /** Model → PDF bytes: the first in the process, then the best of the repeats. */
  coldMs: number;
  warmMs: number;
  pages: number;
  pdfMB: number;
  htmlMB: number;
}

const now = () => performance.now();

async function measure(route: ReportRoute, network: ReportNetwork, repeats: number): Promise<ReportRow> {
  const start = now();
  const fonts = await loadLabelFont();
  const imported = (await matpowerNetwork("case1354pegase")).document as NetworkDocument;
  const document = (network === "as imported" ? imported : synthetic(imported, "all branches")) as Record<
    string,
    unknown
  >;
  const core = await loadSimCore();
  const studyStart = now();
  const result = core.shortCircuit(document, { fault: "3ph", case: "max", duty: true, arc_flash: true });
  const studyMs = now() - studyStart;
  const modelStart = now();
  const model = buildReportModel({
    project: "Benchmark",
    document,
    version: { number: 1, id: "00000000-0000-4000-8000-000000000001" },
    study: {
      id: "bench",
      kind: "short_circuit",
      author: { name: "Bench", email: "bench@example.com" },
      created_at: new Date().toISOString(),
      options: result.options,
      result,
    },
    content_hash: "sha256:benchmark",
    generated_at: new Date().toISOString(),
    include_branches: false,
  });
  const modelMs = now() - modelStart;
  const html = renderReportHtml(model);
  let render: () => Promise<Uint8Array>;
  let close = async () => {};
  if (route === "pdf-lib") {
    render = () => renderReportPdf(model, { paper: "A4", ...fonts });
  } else {
    let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
    render = async () => {
      browser ??= await launchChromium();
      const page = await browser.newPage();
      await page.setContent(html, { waitUntil: "load" });
      const pdf = await page.pdf({
        format: "A4",
        displayHeaderFooter: true,
        headerTemplate: "<span></span>",
        footerTemplate: `<div style="font-size:7pt;width:100%;margin:0 16mm;text-align:right">page <span class="pageNumber"></span> of <span class="totalPages"></span></div>`,
        margin: { top: "16mm", bottom: "20mm", left: "16mm", right: "16mm" },
      });
      await page.close();
      return new Uint8Array(pdf);
    };
    close = async () => browser?.close();
  }
  // Cold: from process start (imports aside) — fonts, network, engine and model included once.
  const coldStart = now();
  const bytes = await render();
  const coldMs = now() - coldStart + (coldStart - start - studyMs);
  const warm: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t = now();
    await render();
    warm.push(now() - t);
  }
  await close();
  const file = path.join(mkdtempSync(path.join(tmpdir(), "ampflux-report-bench-")), "report.pdf");
  writeFileSync(file, bytes);
  const pages = Number(/^Pages:\s+(\d+)/m.exec(execFileSync("pdfinfo", [file], { encoding: "utf8" }))?.[1]);
  return {
    route,
    network,
    buses: model.diagram.buses.length,
    labels: model.arc_flash?.labels.length ?? 0,
    studyMs,
    modelMs,
    coldMs,
    warmMs: Math.min(...warm),
    pages,
    pdfMB: bytes.length / 1e6,
    htmlMB: Buffer.byteLength(html) / 1e6,
  };
}

/** Each route and network in its own process, so "cold" is a fresh process's first report. */
export function benchStudyReport(quick: boolean): ReportRow[] {
  const repeats = quick ? 1 : 3;
  return REPORT_ROUTES.flatMap((route) =>
    REPORT_NETWORKS.map((network) => {
      const out = execFileSync(
        process.execPath,
        [fileURLToPath(import.meta.url), route, network, String(repeats)],
        {
          encoding: "utf8",
          stdio: ["ignore", "pipe", "inherit"],
          maxBuffer: 1 << 20,
        },
      );
      return JSON.parse(out) as ReportRow;
    }),
  );
}

export function studyReportTable(rows: ReportRow[]): string {
  return table(
    [
      "route",
      "network",
      "buses",
      "labels",
      "study ms",
      "model ms",
      "PDF cold ms",
      "PDF warm ms",
      "pages",
      "PDF MB",
      "HTML MB",
    ],
    rows.map((r) => [
      r.route,
      r.network,
      r.buses,
      r.labels,
      r.studyMs,
      r.modelMs,
      r.coldMs,
      r.warmMs,
      r.pages,
      r.pdfMB,
      r.htmlMB,
    ]),
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [route, network, repeats = "3"] = process.argv.slice(2);
  if (!REPORT_ROUTES.includes(route as ReportRoute))
    throw new Error(`route must be one of: ${REPORT_ROUTES.join(", ")}`);
  if (!REPORT_NETWORKS.includes(network as ReportNetwork))
    throw new Error(`network must be one of: ${REPORT_NETWORKS.join(", ")}`);
  const row = await measure(route as ReportRoute, network as ReportNetwork, Number(repeats));
  process.stdout.write(`${JSON.stringify(row)}\n`);
  process.exit(0);
}
