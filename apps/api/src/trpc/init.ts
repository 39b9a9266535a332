import { initTRPC } from "@trpc/server";
import superjson from "superjson";
import { ZodError, z } from "zod";
import { databaseUnavailable, isDatabaseOutage } from "../database-outage.ts";
import type { Context } from "./context.ts";
import { refuseNulCharacters } from "./nul-characters.ts";

/** Validation failures as the web shows them: messages per input field, plus form-level ones. */
export interface ValidationErrors {
  formErrors: string[];
  fieldErrors: Record<string, string[] | undefined>;
  /** Every issue with its full path, e.g. ["document", "lines", 3, "to_bus"]. */
  issues: Array<{ path: Array<string | number>; message: string }>;
}

function validationErrors(error: ZodError): ValidationErrors {
  const issues = error.issues.map(({ path, message }) => ({
    path: path.map((key) => (typeof key === "symbol" ? String(key) : key)),
    message,
  }));
  return { ...z.flattenError(error), issues };
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  // Subscriptions (SSE) ping while a study waits in the queue, so proxies keep the stream open.
  sse: { ping: { enabled: true, intervalMs: 15_000 } },
  // Never send stack traces to clients, whatever NODE_ENV says.
  isDev: false,
  errorFormatter({ shape, error }) {
    const zodError: ValidationErrors | null =
      error.cause instanceof ZodError ? validationErrors(error.cause) : null;
    // An unexpected failure's message can carry SQL or internals: it goes to the log, not the client.
    const message = error.code === "INTERNAL_SERVER_ERROR" ? "internal error" : shape.message;
    return { ...shape, message, data: { ...shape.data, zodError } };
  },
});

export const router = t.router;
/**
 * Every procedure refuses text with NUL characters (Postgres stores none, in text or jsonb) and
 * turns a database outage into a retryable 503.
 */
export const publicProcedure = t.procedure.use(async ({ getRawInput, next }) => {
  refuseNulCharacters(await getRawInput());
  const result = await next();
  if (!result.ok && isDatabaseOutage(result.error)) throw databaseUnavailable(result.error);
  return result;
});
export const createCallerFactory = t.createCallerFactory;
