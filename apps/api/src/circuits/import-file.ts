import type { TypeLibrary } from "@ampflux/contracts";
import {
  type ImportFormat,
  importNetworkFile,
  NetworkFileError,
  type NetworkFileImport,
} from "@ampflux/contracts/importers";
import { TRPCError } from "@trpc/server";

/** The network in an uploaded file; a file that is not one is BAD_REQUEST naming line or field. */
export function importUploadedNetwork(
  fileName: string,
  text: string,
  format?: ImportFormat,
  types?: TypeLibrary,
): NetworkFileImport {
  // Postgres stores no NUL in jsonb, and no network file format has one.
  const nul = text.indexOf("\u0000");
  if (nul >= 0) {
    const line = text.slice(0, nul).split("\n").length;
    throw new TRPCError({ code: "BAD_REQUEST", message: `${fileName}: line ${line} holds a NUL character` });
  }
  try {
    return importNetworkFile(fileName, text, format, types);
  } catch (error) {
    if (!(error instanceof NetworkFileError)) throw error;
    // The importers' messages start with the line (and field) at fault.
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: `${fileName} is not a valid ${error.format} network: ${error.message}`,
      cause: error,
    });
  }
}
