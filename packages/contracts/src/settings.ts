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

/** How long a process may take to stop on SIGTERM/SIGINT before what is left is cut off. */
export const shutdownTimeoutSchema = z.coerce.number().int().min(100).max(600_000);

// Production mode (NODE_ENV=production): a process refuses to start on settings that are fine on
// a laptop but unsafe on a server. Every problem is named in the one SettingsError.

/** Passwords of examples, images and tutorials (ours included): anyone would try them first. */
const WELL_KNOWN_PASSWORDS = new Set([
  "postgres",
  "password",
  "ampflux",
  "ampflux-embedded",
  "changeme",
  "change-me",
  "secret",
  "admin",
  "root",
  "example",
  "test",
  "123456",
]);

const isWellKnownPassword = (password: string) => WELL_KNOWN_PASSWORDS.has(password.toLowerCase());

/** What is wrong with a production DATABASE_URL's credentials, if anything. */
export function databaseUrlSecretProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined; // the URL schema reports a malformed URL
  }
  // libpq also takes the password as a query parameter.
  const password = decodeURIComponent(parsed.password) || parsed.searchParams.get("password") || "";
  if (!password) return "has no password (production needs a database password)";
  if (isWellKnownPassword(password) || password === decodeURIComponent(parsed.username))
    return "uses a well-known password (production needs a generated one)";
  return undefined;
}

/** The settings every process shares that production mode checks. */
interface ProductionSecrets {
  NODE_ENV: "development" | "production" | "test";
  DATABASE_URL: string;
  EMAIL_ENABLED: boolean;
  SMTP_USER?: string | undefined;
  SMTP_PASSWORD?: string | undefined;
}

/**
 * A zod refinement for the settings of the api and the worker: in production the database needs
 * a real password, and email (when on) SMTP credentials. Other modes accept the defaults.
 */
export function requireProductionSecrets(settings: ProductionSecrets, ctx: z.RefinementCtx): void {
  if (settings.NODE_ENV !== "production") return;
  const problem = databaseUrlSecretProblem(settings.DATABASE_URL);
  if (problem) ctx.addIssue({ code: "custom", path: ["DATABASE_URL"], message: problem });
  if (!settings.EMAIL_ENABLED) return;
  if (!settings.SMTP_USER)
    ctx.addIssue({
      code: "custom",
      path: ["SMTP_USER"],
      message: "is required in production when EMAIL_ENABLED",
    });
  if (!settings.SMTP_PASSWORD)
    ctx.addIssue({
      code: "custom",
      path: ["SMTP_PASSWORD"],
      message: "is required in production when EMAIL_ENABLED",
    });
  else if (isWellKnownPassword(settings.SMTP_PASSWORD))
    ctx.addIssue({
      code: "custom",
      path: ["SMTP_PASSWORD"],
      message: "is a well-known password (production needs the real one)",
    });
}

/** True for an origin or URL on a loopback host (localhost, 127.x, ::1): never right on a server. */
export function isLoopbackUrl(value: string): boolean {
  let host: string;
  try {
    host = new URL(value).hostname;
  } catch {
    return false;
  }
  return host === "localhost" || host.endsWith(".localhost") || /^127\./.test(host) || host === "[::1]";
}

/**
 * Spread into the settings of every process that queues sweeps (api, worker, operator CLI): each
 * company's batch studies and N-1 screenings go to this many named queues, and of its screenings'
 * parts this many are queued at once, so they hold at most this many worker slots at once
 * (packages/db, sweepQueue and queueCompanyParts). 2 by default, so that two workers still share
 * one company's batch.
 */
export const sweepSettingsShape = {
  SWEEP_SLOTS_PER_COMPANY: z.coerce.number().int().min(1).max(64).default(2),
};
