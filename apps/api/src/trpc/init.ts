import { describeInputIssues } from "@ampflux/contracts";
import { initTRPC } from "@trpc/server";
import { ZodError, z } from "zod";
import { databaseUnavailable, isDatabaseOutage } from "../database-outage.ts";
import type { Context } from "./context.ts";
import { refuseNulCharacters } from "./nul-characters.ts";
import { answerTransformer } from "./stored-json.ts";

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

/**
 * The message a client sees. An unexpected failure's message can carry SQL or internals: it goes
 * to the log, not the client. A failed input parse's message is zod's JSON dump of the issues:
 * it becomes one "field: reason" line per issue, naming network elements by id and name from the
 * input (the issues themselves stay in data.zodError). Messages our own checks wrote are kept.
 */
function clientMessage(message: string, error: { code: string; cause?: unknown }, input: unknown): string {
  if (error.code === "INTERNAL_SERVER_ERROR") return "internal error";
  if (error.cause instanceof ZodError && message === error.cause.message)
    return describeInputIssues(error.cause.issues, input);
  return message;
}

const t = initTRPC.context<Context>().create({
  transformer: answerTransformer,
  // Subscriptions (SSE) ping while a study waits in the queue, so proxies keep the stream open.
  sse: { ping: { enabled: true, intervalMs: 15_000 } },
  // Never send stack traces to clients, whatever NODE_ENV says.
  isDev: false,
  errorFormatter({ shape, error, input }) {
    const zodError: ValidationErrors | null =
      error.cause instanceof ZodError ? validationErrors(error.cause) : null;
    return {
      ...shape,
      message: clientMessage(shape.message, error, input),
      data: { ...shape.data, zodError },
    };
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
