import { z } from "zod";
import type { NetworkDocument } from "../network/index.ts";
import type { TypeLibrary } from "../types/apply.ts";
import { exportMatpower } from "./matpower.ts";
import { exportPandapower } from "./pandapower.ts";
import { exportPsse } from "./psse.ts";

export const exportFormatSchema = z.enum(["ampflux", "pandapower", "matpower", "psse"]);
export type ExportFormat = z.infer<typeof exportFormatSchema>;

export interface NetworkFileExport {
  text: string;
  /** File name ending, with its dot; pandapower's is distinct so the file is not taken for a document. */
  extension: string;
  mediaType: string;
}

/** The document as a file of the given format, ready to download; `types` names pandapower std_types. */
export function exportNetworkFile(
  doc: NetworkDocument,
  format: ExportFormat,
  types?: TypeLibrary,
): NetworkFileExport {
  switch (format) {
    case "ampflux":
      return { text: JSON.stringify(doc, null, 2), extension: ".json", mediaType: "application/json" };
    case "pandapower":
      return {
        text: exportPandapower(doc, types),
        extension: ".pandapower.json",
        mediaType: "application/json",
      };
    case "matpower":
      return { text: exportMatpower(doc), extension: ".m", mediaType: "text/x-matlab" };
    case "psse":
      return { text: exportPsse(doc), extension: ".raw", mediaType: "text/plain" };
  }
}
