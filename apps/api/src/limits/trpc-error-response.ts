import type { TRPC_ERROR_CODE_KEY } from "@trpc/server";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { TRPC_ERROR_CODES_BY_KEY } from "@trpc/server/rpc";

/**
 * A refusal made before tRPC reads the request (limits middleware), shaped as tRPC's own error
 * answer (superjson-wrapped, one per call of a batch), so clients show its message like any other.
 */
export function trpcErrorResponse(
  path: string,
  query: URLSearchParams,
  code: TRPC_ERROR_CODE_KEY,
  message: string,
  headers: Record<string, string> = {},
): Response {
  const httpStatus = getHTTPStatusCodeFromError(new TRPCError({ code }));
  const procedures = path.startsWith("/trpc/")
    ? decodeURIComponent(path.slice("/trpc/".length)).split(",")
    : [""];
  const errorOf = (procedure: string) => ({
    error: {
      json: {
        message,
        code: TRPC_ERROR_CODES_BY_KEY[code],
        data: { code, httpStatus, path: procedure, zodError: null },
      },
    },
  });
  const body = query.get("batch") === "1" ? procedures.map(errorOf) : errorOf(procedures[0] ?? "");
  return new Response(JSON.stringify(body), {
    status: httpStatus,
    headers: { "content-type": "application/json", ...headers },
  });
}
