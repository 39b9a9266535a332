import { existsSync } from "node:fs";
import { z } from "zod";

/** Raised when environment variables do not satisfy an app's settings schema. */
export class SettingsError extends Error {
  override name = "SettingsError";
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`invalid configuration: ${problems.join("; ")}`);
    this.problems = problems;
  }
}

/** Loads `.env` from the working directory when present; real environment variables win. */
export function loadDotEnv(file = ".env"): void {
  if (existsSync(file)) process.loadEnvFile(file);
}

/** Parses environment variables with `schema`, naming every bad variable in one error. */
export function parseSettings<S extends z.ZodType>(
  schema: S,
  env: Record<string, string | undefined> = process.env,
): z.infer<S> {
  // Empty strings mean "unset", as in most .env conventions.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  throw new SettingsError(result.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`));
}

/** Settings every process shares. */
export const nodeEnvSchema = z.enum(["development", "production", "test"]).default("development");
export const logLevelSchema = z.enum(["debug", "info", "warn", "error"]).default("info");
/** A TCP port; 0 asks the OS for a free one (tests). */
export const portSchema = z.coerce.number().int().min(0).max(65_535);

const required = {
  error: (issue: { input: unknown }) => (issue.input === undefined ? "is not set" : "must be a string"),
};

export const postgresUrlSchema = z
  .string(required)
  .refine((v) => /^postgres(ql)?:\/\/[^/]/.test(v), "must be a postgres:// URL with a host");
export const redisUrlSchema = z
  .string(required)
  .refine((v) => /^rediss?:\/\/[^/]/.test(v), "must be a redis:// or rediss:// URL with a host");
