import { openAsBlob } from "node:fs";
import { stat } from "node:fs/promises";
import { basename } from "node:path";
import type { NetworkDocument } from "@ampflux/contracts";
import { exportFormatSchema, exportNetworkFile, importFormatSchema } from "@ampflux/contracts/importers";
import { type Command, oneOf, versionFlag } from "../args.ts";
import type { Api } from "../client.ts";
import { inputError } from "../errors.ts";
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

/** "9 buses, 9 lines, 3 generators": the element counts that are not zero. */
const describeCounts = (counts: Record<string, number>) =>
  Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([collection, n]) => `${n} ${collection.replaceAll("_", " ")}`)
    .join(", ");

/** Uploads a network file as the project's next version; prints the version number. */
export async function importCircuit(api: Api, { args, flags }: Command): Promise<void> {
  const path = args.file ?? "";
  const projectId = flags.project ?? "";
  const base = versionFlag("base", flags.base);
  const format =
    flags.format === undefined ? undefined : oneOf("format", flags.format, importFormatSchema.options);
  const file = await openFile(path);
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
    `imported ${basename(path)} (${saved.format}) as version ${saved.version}: ${describeCounts(saved.elementCounts)}`,
  );
  const { defaulted, adjusted, dropped } = saved.report;
  for (const d of defaulted) note(`  defaulted ${d.field} = ${String(d.value)} (${d.count}×): ${d.why}`);
  for (const a of adjusted) note(`  adjusted ${a.field} (${a.count}×, e.g. ${a.ids.join(", ")}): ${a.why}`);
  for (const d of dropped) note(`  dropped ${d.count} ${d.item}: ${d.why}`);
  for (const w of saved.warnings) note(`  warning ${w.path.join(".")}: ${w.message}`);
  await writeResult(`${saved.version}\n`, undefined);
}

/** A version (the latest unless --version) as a network document, pandapower or MATPOWER file. */
export async function exportCircuit(api: Api, { flags }: Command): Promise<void> {
  const format = oneOf("format", flags.format, exportFormatSchema.options);
  const version = versionFlag("version", flags.version);
  const saved = await api.circuits.get.query({ projectId: flags.project ?? "", version });
  if (!saved) throw inputError("the project has no saved version yet");
  note(`version ${saved.version}: ${describeCounts(saved.elementCounts)}`);
  // The api validated the document when it was saved.
  const file = exportNetworkFile(saved.document as unknown as NetworkDocument, format);
  await writeResult(file.text.endsWith("\n") ? file.text : `${file.text}\n`, flags.out);
}
