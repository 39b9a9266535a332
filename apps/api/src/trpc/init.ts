import { initTRPC } from "@trpc/server";
import superjson from "superjson";
import { ZodError, z } from "zod";
import type { Context } from "./context.ts";

/** Validation failures as the web shows them: messages per input field, plus form-level ones. */
export interface ValidationErrors {
  formErrors: string[];
  fieldErrors: Record<string, string[] | undefined>;
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  // Never send stack traces to clients, whatever NODE_ENV says.
  isDev: false,
  errorFormatter({ shape, error }) {
    const zodError: ValidationErrors | null =
      error.cause instanceof ZodError ? z.flattenError(error.cause) : null;
    return { ...shape, data: { ...shape.data, zodError } };
  },
});

export const router = t.router;
export const publicProcedure = t.procedure;
export const createCallerFactory = t.createCallerFactory;
