// Labels → files: one PDF, or SVG files. One label goes to --out itself; several go to one file
// per bus beside it, FILE-<bus>.svg, the bus id reduced to characters safe in file names.

import { writeFile } from "node:fs/promises";
import type { ArcFlashLabel } from "@ampflux/contracts";
import { arcFlashLabelsPdf, renderArcFlashLabelSvg } from "@ampflux/reports";
import { loadLabelFont } from "@ampflux/reports/node";
import { inputError } from "../errors.ts";
import { type Io, userPath } from "../io.ts";
import { note } from "../output.ts";
import type { LabelRequest } from "./request.ts";

async function write(io: Io, out: string, content: string | Uint8Array): Promise<void> {
  try {
    await writeFile(userPath(io, out), content);
  } catch (error) {
    throw inputError(`cannot write ${out}: ${(error as Error).message}`);
  }
}

/** The file of each label: --out for one, FILE-<bus>.svg for several (B/1 → B_1; clashes get -2, -3). */
export function svgFileNames(out: string, labels: ArcFlashLabel[]): string[] {
  if (labels.length === 1) return [out];
  const stem = out.replace(/\.svg$/i, "");
  const taken = new Set<string>();
  return labels.map((label) => {
    const safe = label.bus.replace(/[^A-Za-z0-9._-]/g, "_");
    let name = `${stem}-${safe}.svg`;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${stem}-${safe}-${n}.svg`;
    taken.add(name.toLowerCase());
    return name;
  });
}

export async function writeLabels(io: Io, request: LabelRequest, labels: ArcFlashLabel[]): Promise<void> {
  if (request.format === "pdf") {
    const pdf = await arcFlashLabelsPdf(labels, {
      layout: request.layout,
      paper: request.paper,
      ...(await loadLabelFont()),
    });
    await write(io, request.out, pdf);
    const per = request.layout === "page" ? "one per page" : "four per sheet";
    note(
      io,
      `wrote ${request.out}: ${labels.length} label${labels.length === 1 ? "" : "s"}, ${per}, ${request.paper}`,
    );
    return;
  }
  const names = svgFileNames(request.out, labels);
  for (const [i, label] of labels.entries()) {
    const name = names[i] ?? request.out;
    await write(io, name, renderArcFlashLabelSvg(label));
    note(io, `wrote ${name}`);
  }
}
