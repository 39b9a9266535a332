// Failures of the model server as messages a user can act on. The details go to the api's log
// only; the client never sees a stack trace or the server's raw answer.

import { TRPCError } from "@trpc/server";
import { APIError, RateLimitError } from "openai";
import type { Logger } from "../logger.ts";

export interface CallState {
  /** AI_TIMEOUT_MS ran out. */
  timedOut: boolean;
  /** The client went away (closed the stream, aborted the request). */
  cancelled: boolean;
}

export function upstreamError(error: unknown, state: CallState, log: Logger, requestId: string): TRPCError {
  if (state.cancelled)
    return new TRPCError({ code: "CLIENT_CLOSED_REQUEST", message: "the question was cancelled" });
  const status = error instanceof APIError ? error.status : undefined;
  log.error("assistant call failed", {
    request_id: requestId,
    status,
    timed_out: state.timedOut,
    error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
  });
  if (state.timedOut) {
    return new TRPCError({
      code: "GATEWAY_TIMEOUT",
      message: "the assistant took too long to answer, try again shortly",
    });
  }
  if (error instanceof RateLimitError) {
    return new TRPCError({
      code: "SERVICE_UNAVAILABLE",
      message: "the assistant service is busy, try again shortly",
    });
  }
  if (status !== undefined && status < 500) {
    return new TRPCError({
      code: "SERVICE_UNAVAILABLE",
      message:
        "the assistant service refused the question; if this persists, ask an administrator to check its settings",
    });
  }
  // 5xx, connection failures (status undefined).
  if (error instanceof APIError) {
    return new TRPCError({
      code: "SERVICE_UNAVAILABLE",
      message: "the assistant service is unavailable, try again shortly",
    });
  }
  return new TRPCError({
    code: "BAD_GATEWAY",
    message: "the assistant service sent an answer that could not be read, try again shortly",
  });
}
