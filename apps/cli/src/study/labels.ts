// --labels FILE.pdf|FILE.svg: the arc-flash labels of the study just run, drawn as
// `ampflux labels` draws them (labels/build.ts, labels/write.ts), with what this command knows
// about the study: the network file's name as the project, the document's name as the network,
// today as the date, the buses' names as titles.

import type { ArcFlashLabelStudy, ArcFlashResult } from "@ampflux/contracts";
// The paper names only: the package's main entry also brings PDF drawing (see writeStudyLabels).
import { LAYOUTS, type Layout, PAPERS, type Paper } from "@ampflux/reports/paper";
import { checkOneOf } from "../args.ts";
import type { Io } from "../io.ts";
import { buildLabels } from "../labels/build.ts";

export interface LabelsRequest {
  out: string;
  format: "pdf" | "svg";
  layout: Layout;
  paper: Paper;
}

export function labelsRequest(
  flags: { labels?: string; layout?: string; paper?: string },
  arcFlash: boolean,
  problems: string[],
): LabelsRequest | undefined {
  const out = flags.labels;
  if (out === undefined) {
    if (flags.layout !== undefined || flags.paper !== undefined)
      problems.push("--layout and --paper are for --labels FILE.pdf");
    return undefined;
  }
  if (!arcFlash) problems.push("--labels needs --arc-flash");
  const format = /\.pdf$/i.test(out) ? "pdf" : /\.svg$/i.test(out) ? "svg" : undefined;
  if (!format) problems.push(`--labels: "${out}" must end in .pdf or .svg`);
  if (format === "svg" && (flags.layout !== undefined || flags.paper !== undefined))
    problems.push("--layout and --paper are for PDF labels (--labels FILE.pdf)");
  const layout = checkOneOf("layout", flags.layout, LAYOUTS, problems) ?? LAYOUTS[0];
  const paper = checkOneOf("paper", flags.paper, PAPERS, problems) ?? PAPERS[0];
  return { out, format: format ?? "pdf", layout, paper };
}

interface StudiedDocument {
  name?: unknown;
  buses?: { id?: unknown; name?: unknown }[];
}

/** Writes the labels; returns the lines for stderr (what the labels say about the study, buses left out). */
export async function writeStudyLabels(
  io: Io,
  request: LabelsRequest,
  results: ArcFlashResult[],
  document: unknown,
  file: string,
): Promise<string[]> {
  const doc = (document ?? {}) as StudiedDocument;
  const names = new Map<string, string>();
  for (const bus of Array.isArray(doc.buses) ? doc.buses : []) {
    if (typeof bus.id === "string" && typeof bus.name === "string" && bus.name) names.set(bus.id, bus.name);
  }
  const study: ArcFlashLabelStudy = {
    project: file,
    network: typeof doc.name === "string" && doc.name ? doc.name : "network",
    study_date: new Date().toISOString().slice(0, 10),
  };
  const built = buildLabels(results, study, { buses: undefined, names });
  // Loaded here, not with the module: PDF drawing (pdf-lib, fontkit) is megabytes of code a
  // study without --labels would parse for nothing.
  const { writeLabels } = await import("../labels/write.ts");
  await writeLabels(
    io,
    {
      source: { kind: "file", file },
      buses: undefined,
      project: undefined,
      network: undefined,
      date: undefined,
      ...request,
    },
    built.labels,
  );
  return [
    `labels: project "${study.project}" (the file), network "${study.network}", dated ${study.study_date}`,
    ...built.skipped,
  ];
}
