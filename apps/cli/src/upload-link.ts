import type { AppRouter } from "@ampflux/api";
import type { TRPCClient, TRPCLink } from "@trpc/client";

type ImportInput = Parameters<TRPCClient<AppRouter>["circuits"]["import"]["mutate"]>[0];

/**
 * circuits.import takes an application/octet-stream body: its fields as one line of JSON, then
 * the file (apps/api/src/circuits/upload.ts). The file stays a Blob, so it is streamed from disk.
 */
export const uploadLink: TRPCLink<AppRouter> =
  () =>
  ({ op, next }) => {
    if (op.path !== "circuits.import") return next(op);
    const { file, ...fields } = op.input as ImportInput;
    return next({ ...op, input: new Blob([`${JSON.stringify(fields)}\n`, file]) });
  };
