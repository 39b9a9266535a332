import { TRPCError } from "@trpc/server";
import { databaseUnavailable, isDatabaseOutage } from "../database-outage.ts";
import type { Logger } from "../logger.ts";

/**
 * Codes tRPC's subscription link takes for a dropped connection: the browser reconnects, which
 * would ask the model the same question again and again. These end the stream as an event instead.
 */
const RETRIED_BY_CLIENTS = new Set<TRPCError["code"]>([
  "INTERNAL_SERVER_ERROR",
  "BAD_GATEWAY",
  "SERVICE_UNAVAILABLE",
  "GATEWAY_TIMEOUT",
]);

/** The final event of a failed streamed answer; rethrows errors the client handles itself. */
export function streamFailure(error: unknown, log: Logger, requestId: string) {
  const failure = isDatabaseOutage(error) ? databaseUnavailable(error) : error;
  if (failure instanceof TRPCError && !RETRIED_BY_CLIENTS.has(failure.code)) throw failure;
  if (failure instanceof TRPCError && failure.code !== "INTERNAL_SERVER_ERROR") {
    return { type: "error" as const, code: failure.code, message: failure.message };
  }
  log.error("streamed answer failed", { request_id: requestId, error: String(error) });
  return {
    type: "error" as const,
    code: "INTERNAL_SERVER_ERROR",
    message: "the assistant failed, try again",
  };
}
