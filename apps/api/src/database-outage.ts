import { TRPCError } from "@trpc/server";

// Connection-level failures (postgres-js client codes, OS socket errors, SQLSTATE classes 08 and
// 57P0x) mean the database is down or restarting, not that the request was wrong.
const OUTAGE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
  "57P01",
  "57P02",
  "57P03",
]);

export function isDatabaseOutage(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && (OUTAGE_CODES.has(code) || code.startsWith("08"))) return true;
  }
  return false;
}

/** A 503 the client can retry, instead of a 500, while the database is unreachable. */
export const databaseUnavailable = (cause: unknown) =>
  new TRPCError({
    code: "SERVICE_UNAVAILABLE",
    message: "the database is unavailable, try again shortly",
    cause,
  });
