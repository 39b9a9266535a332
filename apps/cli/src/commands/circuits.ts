import { openAsBlob } from "node:fs";
import { stat } from "node:fs/promises";
import { basename } from "node:path";
import type { NetworkDocument } from "@ampflux/contracts";
import { exportFormatSchema, exportNetworkFile, importFormatSchema } from "@ampflux/contracts/importers";
import { type Command, oneOf, versionFlag } from "../args.ts";
import type { Api } from "../client.ts";
import { inputError } from "../errors.ts";
import { describeCounts, importReportLines } from "../import-report.ts";
import { type Io, userPath } from "../io.ts";
import { note, writeResult } from "../output.ts";
import { latestVersion } from "../versions.ts";

/** The file as a Blob read from disk while it is sent, not loaded first. */
async function openFile(path: string): Promise<Blob> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw inputError(`cannot read ${path}: ${error.code === "ENOENT" ? "no such file" : error.message}`);
  });
  if (!info.isFile()) throw inputError(`cannot read ${path}: not a file`);
  return openAsBlob(path);
}

/** Uploads a network file as the project's next version; prints the version number. */
export async function importCircuit(api: Api, { args, flags }: Command, io: Io): Promise<void> {
  const path = args.file ?? "";
  const projectId = flags.project ?? "";
  const base = versionFlag("base", flags.base);
  const format =
    flags.format === undefined ? undefined : oneOf("format", flags.format, importFormatSchema.options);
  const file = await openFile(userPath(io, path));
  const baseVersion = base ?? (await latestVersion(api, projectId));
  const saved = await api.circuits.import.mutate({
    projectId,
    baseVersion,
    fileName: basename(path),
    format,
    message: flags.message ?? "",
    file,
  });
  note(
    io,
    `imported ${basename(path)} (${saved.format}) as version ${saved.version}: ${describeCounts(saved.elementCounts)}`,
  );
  for (const line of importReportLines(saved.report)) note(io, `  ${line}`);
  for (const w of saved.warnings) note(io, `  warning ${w.path.join(".")}: ${w.message}`);
  await writeResult(io, `${saved.version}\n`, undefined);
}

/** A version (the latest unless --version) as a network document, pandapower or MATPOWER file. */
export async function exportCircuit(api: Api, { flags }: Command, io: Io): Promise<void> {
  const format = oneOf("format", flags.format, exportFormatSchema.options);
  const version = versionFlag("version", flags.version);
  const saved = await api.circuits.get.query({ projectId: flags.project ?? "", version });
  if (!saved) throw inputError("the project has no saved version yet");
  note(io, `version ${saved.version}: ${describeCounts(saved.elementCounts)}`);
  // The api validated the document when it was saved.
  const file = exportNetworkFile(saved.document as unknown as NetworkDocument, format);
  await writeResult(io, file.text.endsWith("\n") ? file.text : `${file.text}\n`, flags.out);
}
