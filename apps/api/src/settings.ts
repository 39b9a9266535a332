import {
  emailSettingsShape,
  featureSettingsShape,
  isLoopbackUrl,
  lifecycleSettingsShape,
  logLevelSchema,
  nodeEnvSchema,
  parseSettings,
  portSchema,
  postgresUrlSchema,
  redisUrlSchema,
  requireProductionSecrets,
  requireSmtpWhenEnabled,
  shutdownTimeoutSchema,
  sweepSettingsShape,
} from "@ampflux/contracts";
import proxyaddr from "proxy-addr";
import { z } from "zod";
import { DEV_SECRETS_ENCRYPTION_KEY, secretsKeySchema } from "./auth/secret-box.ts";

const positiveInt = z.coerce.number().int().positive();

const commaList = z.string().transform((s) =>
  s
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean),
);

export const apiSettingsSchema = z.object({
  NODE_ENV: nodeEnvSchema,
  API_HOST: z.string().default("127.0.0.1"),
  /**
   * Bearer token for GET /metrics. Unset: /metrics answers only while the api listens on loopback
   * (an internal address), else 404.
   */
  METRICS_TOKEN: z.string().min(16).optional(),
  /**
   * Bearer token for GET /health/detailed (each dependency's state and latency). Unset: only
   * requests straight from this machine (no proxy in between) see it; others get 401.
   */
  HEALTH_TOKEN: z.string().min(16).optional(),
  API_PORT: portSchema.default(3001),
  DATABASE_URL: postgresUrlSchema,
  /** Unset: an in-process cache with the same TTL semantics. */
  REDIS_URL: redisUrlSchema.optional(),
  /** Prepended to every cache key, so deployments (or test runs) can share one Redis. */
  REDIS_KEY_PREFIX: z.string().default("ampflux:"),
  /** Browser origins allowed to call the api with credentials; production refuses the default. */
  CORS_ORIGINS: commaList.default(["http://localhost:5173", "http://127.0.0.1:5173"]),
  /**
   * Proxies (IPs, CIDRs or proxy-addr's names such as `loopback`) whose X-Forwarded-For is
   * believed: the client IP of rate limits and audit rows is the address before the last trusted
   * hop. Default none: the peer's own address, whatever headers it sends.
   */
  TRUSTED_PROXIES: commaList.default([]).superRefine((list, ctx) => {
    for (const entry of list) {
      try {
        proxyaddr.compile(entry);
      } catch {
        ctx.addIssue({
          code: "custom",
          message: `"${entry}" is not an IP address, CIDR range or proxy-addr name`,
        });
      }
    }
  }),
  /** On SIGTERM/SIGINT, requests still running after this are cut off. */
  API_SHUTDOWN_TIMEOUT_MS: shutdownTimeoutSchema.default(10_000),
  LOG_LEVEL: logLevelSchema,
  /** Login attempts allowed per email and per client IP in a 15-minute window. */
  LOGIN_MAX_PER_EMAIL: z.coerce.number().int().positive().default(10),
  LOGIN_MAX_PER_IP: z.coerce.number().int().positive().default(100),
  /** Password-reset emails asked for per address and per client IP in a one-hour window (docs/accounts.md). */
  PASSWORD_RESET_MAX_PER_EMAIL: z.coerce.number().int().positive().default(5),
  PASSWORD_RESET_MAX_PER_IP: z.coerce.number().int().positive().default(30),
  /** Verification emails (resend, change of address) per user in a one-hour window. */
  VERIFICATION_EMAIL_MAX_PER_USER: z.coerce.number().int().positive().default(5),
  /** Studies of networks up to this many buses run in the api and answer at once; larger ones are queued. */
  SIM_INLINE_MAX_BUSES: z.coerce.number().int().nonnegative().default(2_000),
  /** The assistant (docs/assistant.md); without a key its procedures answer "not configured". */
  OPENAI_API_KEY: z.string().optional(),
  /** Any OpenAI-compatible server, e.g. http://127.0.0.1:8000/v1; the OpenAI api when unset. */
  OPENAI_BASE_URL: z.url().optional(),
  OPENAI_MODEL: z.string().default("gpt-4.1-mini"),
  AI_CACHE_TTL_SECONDS: z.coerce.number().int().positive().default(3_600),
  /** Limit for each call to the model, the whole streamed answer included. */
  AI_TIMEOUT_MS: z.coerce.number().int().positive().default(60_000),
  AI_MAX_PER_USER_PER_MINUTE: z.coerce.number().int().positive().default(10),
  AI_MAX_PER_COMPANY_PER_MINUTE: z.coerce.number().int().positive().default(60),
  /** Tokens (estimated as characters / 4) of project context, and again of history, per question. */
  AI_CONTEXT_TOKEN_BUDGET: z.coerce.number().int().positive().default(6_000),
  /**
   * Network files `circuits.import` accepts: the upload is read as a stream and refused once it
   * passes this, so it may exceed BODY_LIMIT_BYTES (meant for JSON requests).
   */
  IMPORT_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(50 * 1024 * 1024),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(10 * 1024 * 1024),
  // Structure and abuse limits (docs/limits.md): each refusal names its setting.
  /** Objects and arrays inside one another in a JSON request or uploaded JSON file (400 beyond). */
  JSON_MAX_DEPTH: positiveInt.default(64),
  /** Elements of any one array in a JSON request or uploaded JSON file (400 beyond). */
  JSON_MAX_ARRAY_LENGTH: positiveInt.default(200_000),
  /** Characters of any one string or key in a JSON request (400 beyond): names, ids, messages. */
  JSON_MAX_STRING_LENGTH: positiveInt.default(10_000),
  /** Elements (buses, lines, loads… together) of one network document, saved or imported (400 beyond). */
  DOCUMENT_MAX_ELEMENTS: positiveInt.default(200_000),
  /** Characters of one line of an uploaded text network file (MATPOWER, PSS/E, CDF) (400 beyond). */
  IMPORT_MAX_LINE_LENGTH: positiveInt.default(100_000),
  /** A JSON request body must have arrived this long after the request started (408 beyond). */
  BODY_READ_TIMEOUT_MS: positiveInt.default(30_000),
  /** An upload (circuits.import) must have arrived this long after it started (408 beyond). */
  UPLOAD_READ_TIMEOUT_MS: positiveInt.default(300_000),
  /**
   * Heavy requests (inline studies, imports, assistant questions, report generation) in progress
   * at once, per user and per company, over all api instances (429 beyond).
   */
  HEAVY_MAX_CONCURRENT_PER_USER: positiveInt.default(2),
  HEAVY_MAX_CONCURRENT_PER_COMPANY: positiveInt.default(4),
  /** Heavy requests started per minute, per user and per company (429 with Retry-After beyond). */
  HEAVY_MAX_PER_USER_PER_MINUTE: positiveInt.default(60),
  HEAVY_MAX_PER_COMPANY_PER_MINUTE: positiveInt.default(300),
  /**
   * A client retrying a rate-limited heavy request before its Retry-After is answered 429 again
   * after this long (at most until the Retry-After): hammering slows the hammerer, not the api.
   */
  RATE_REFUSAL_DELAY_MS: z.coerce.number().int().nonnegative().default(1_000),
  /** Uploads being received at once per user (429 beyond). */
  UPLOAD_MAX_CONCURRENT_PER_USER: positiveInt.default(2),
  /** Open live streams (SSE subscriptions) per user (429 beyond). */
  SSE_MAX_PER_USER: positiveInt.default(16),
  /**
   * 32 bytes, base64: the AES-256-GCM key of secrets kept at rest (TOTP secrets, SSO client
   * secrets). The default is public, for development only; production refuses it.
   */
  SECRETS_ENCRYPTION_KEY: secretsKeySchema,
  /** Second-factor codes (TOTP or recovery) a user may try in a 15-minute window. */
  TWO_FACTOR_MAX_ATTEMPTS: z.coerce.number().int().positive().default(5),
  /**
   * The web app's public address: SSO redirect URIs are `APP_URL/auth/sso/callback`. Unset: the
   * address the browser used to reach the api (through the web server's proxy).
   */
  APP_URL: z.url().optional(),
  /** The worker sends notification emails; the api only probes the SMTP server in /health/detailed. */
  ...emailSettingsShape,
  ...featureSettingsShape,
  /** Worker slots one company's sweeps may hold at once (docs/operations.md, queue order). */
  ...sweepSettingsShape,
  /** Days from a company deletion request to its purge (docs/accounts-lifecycle.md). */
  ...lifecycleSettingsShape,
});

export type ApiSettings = z.infer<typeof apiSettingsSchema>;

/** Production mode's own rules for the api: a metrics token and the real browser origins. */
function requireProductionApi(settings: ApiSettings, ctx: z.RefinementCtx): void {
  if (settings.NODE_ENV !== "production") return;
  if (!settings.METRICS_TOKEN)
    ctx.addIssue({ code: "custom", path: ["METRICS_TOKEN"], message: "is required in production" });
  if (settings.SECRETS_ENCRYPTION_KEY.equals(Buffer.from(DEV_SECRETS_ENCRYPTION_KEY, "base64")))
    ctx.addIssue({
      code: "custom",
      path: ["SECRETS_ENCRYPTION_KEY"],
      message: "is required in production (32 random bytes, base64: openssl rand -base64 32)",
    });
  const local = settings.CORS_ORIGINS.filter((origin) => origin === "*" || isLoopbackUrl(origin));
  if (local.length > 0 || settings.CORS_ORIGINS.length === 0)
    ctx.addIssue({
      code: "custom",
      path: ["CORS_ORIGINS"],
      message:
        local.length > 0
          ? `must list the web app's public origins in production, not ${local.join(", ")}`
          : "must list the web app's public origins in production",
    });
}

export const loadApiSettings = (env: Record<string, string | undefined> = process.env): ApiSettings =>
  parseSettings(
    apiSettingsSchema
      .superRefine(requireSmtpWhenEnabled)
      .superRefine(requireProductionSecrets)
      .superRefine(requireProductionApi),
    env,
  );
