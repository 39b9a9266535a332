import { createMiddleware } from "hono/factory";
import { scanJsonStructure, structureLimits } from "../limits/json-structure.ts";
import { readBefore } from "../limits/read-before.ts";
import { trpcErrorResponse } from "../limits/trpc-error-response.ts";
import type { ApiSettings } from "../settings.ts";

/** Paths whose body is an upload (circuits/upload.ts): they count and time their stream themselves. */
const UPLOAD_PATHS = new Set(["/trpc/circuits.import"]);

type BodyRead = { bytes: Buffer<ArrayBuffer> } | { refused: "too large" | "too slow" };

/**
 * The whole body, refused once it passes `maxBytes` or is still arriving after `timeoutMs` (a
 * slow client must not hold a request open for ever; the bytes never reach tRPC).
 */
async function readBody(
  body: ReadableStream<Uint8Array>,
  maxBytes: number,
  timeoutMs: number,
): Promise<BodyRead> {
  const reader = body.getReader();
  const deadline = Date.now() + timeoutMs;
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const step = await readBefore(reader, deadline);
      if (step === "late") return { refused: "too slow" };
      if (step.done) return { bytes: Buffer.concat(chunks, size) };
      size += step.value.byteLength;
      if (size > maxBytes) return { refused: "too large" };
      chunks.push(step.value);
    }
  } finally {
    // What is left of a refused body is not wanted; the connection closes after the answer.
    reader.cancel().catch(() => {});
  }
}

/**
 * Limits on every JSON request, checked before tRPC parses anything: body size
 * (BODY_LIMIT_BYTES, 413), arrival time (BODY_READ_TIMEOUT_MS, 408) and structure (nesting
 * depth, array length, string length: 400 naming the setting), in the body or a GET's `input`.
 */
export const requestLimits = (settings: ApiSettings) => {
  const limits = structureLimits(settings);
  return createMiddleware(async (c, next) => {
    if (!c.req.path.startsWith("/trpc/")) return next();
    // The URL is parsed again only to word a refusal.
    const refuse = (
      code: "BAD_REQUEST" | "PAYLOAD_TOO_LARGE" | "TIMEOUT",
      message: string,
      headers?: Record<string, string>,
    ) => trpcErrorResponse(c.req.path, new URL(c.req.url).searchParams, code, message, headers);

    const input = c.req.query("input");
    const inQuery = input === undefined ? undefined : scanJsonStructure(input, limits, "the request's input");
    if (inQuery) return refuse("BAD_REQUEST", inQuery.message);
    // No body to check; asking `raw.body` would build the full web Request for nothing.
    if (c.req.method === "GET" || c.req.method === "HEAD") return next();

    const raw = c.req.raw;
    const isUpload =
      UPLOAD_PATHS.has(c.req.path) && raw.headers.get("content-type")?.startsWith("application/octet-stream");
    if (!raw.body || isUpload) return next();

    const declared = Number(raw.headers.get("content-length") ?? Number.NaN);
    const tooLarge = `request body larger than BODY_LIMIT_BYTES ${settings.BODY_LIMIT_BYTES} bytes`;
    if (declared > settings.BODY_LIMIT_BYTES)
      return refuse("PAYLOAD_TOO_LARGE", tooLarge, { connection: "close" });
    const read = await readBody(raw.body, settings.BODY_LIMIT_BYTES, settings.BODY_READ_TIMEOUT_MS);
    if ("refused" in read) {
      return read.refused === "too large"
        ? refuse("PAYLOAD_TOO_LARGE", tooLarge, { connection: "close" })
        : refuse(
            "TIMEOUT",
            `request body not received within BODY_READ_TIMEOUT_MS ${settings.BODY_READ_TIMEOUT_MS} ms`,
            { connection: "close" },
          );
    }
    if (!raw.headers.get("content-type")?.startsWith("multipart/")) {
      const violation = scanJsonStructure(new TextDecoder().decode(read.bytes), limits, "the request");
      if (violation) return refuse("BAD_REQUEST", violation.message);
    }
    // The bytes read, handed on as the body tRPC will read.
    c.req.raw = new Request(raw, { body: read.bytes });
    return next();
  });
};
