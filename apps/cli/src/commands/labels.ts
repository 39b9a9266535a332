// `ampflux labels`: printable arc-flash labels (PDF or SVG) from a study result with arc flash,
// read from a file on this machine or, with --simulation, from a stored study through the api.

import type { Command } from "../args.ts";
import { inputError } from "../errors.ts";
import type { Io } from "../io.ts";
import { buildLabels } from "../labels/build.ts";
import { labelRequest } from "../labels/request.ts";
import { readResultFile } from "../labels/result-file.ts";
import { type LabelInput, labelStudy } from "../labels/study.ts";
import { writeLabels } from "../labels/write.ts";

/** Every stderr line says where it comes from, as the problems that end a command do. */
const tell = (io: Io, lines: string[]) => {
  for (const line of lines) io.stderr.write(`ampflux: ${line}\n`);
};

async function fromApi(io: Io, source: { simulation: string; project: string }): Promise<LabelInput> {
  const [{ apiEndpoint, connect }, { describeApiError, isApiError }, { labelInputFromApi }] =
    await Promise.all([import("../client.ts"), import("../api-errors.ts"), import("../labels/from-api.ts")]);
  const endpoint = apiEndpoint(io.env);
  try {
    return await labelInputFromApi(connect(endpoint), { kind: "api", ...source });
  } catch (error) {
    throw isApiError(error) ? inputError(describeApiError(error, endpoint.url)) : error;
  }
}

export async function labels(command: Command, io: Io): Promise<void> {
  const request = labelRequest(command);
  const input: LabelInput =
    request.source.kind === "file"
      ? { results: await readResultFile(io, request.source.file), names: new Map(), defaults: {} }
      : await fromApi(io, request.source);
  const { study, notes } = labelStudy(request, input, new Date().toISOString().slice(0, 10));
  tell(io, notes);
  const built = buildLabels(input.results, study, { buses: request.buses, names: input.names });
  tell(io, built.skipped);
  await writeLabels(io, request, built.labels);
}
