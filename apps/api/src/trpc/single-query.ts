// GET /trpc/<query>?input=… — one query, not a batch — answered without tRPC's fetch adapter.
//
// Why (docs/performance.md, "api under load"): for a query answered from memory, such as auth.me,
// the adapter was most of the api's own CPU: @hono/trpc-server hands tRPC the request as a web
// Request, resolveResponse parses the URL, builds its call list and abort signals, and answers
// with an undici Response whose body @hono/node-server then reads back. Here the procedure is
// called as resolveResponse calls it (same context, raw input, signal, path), and the answer is
// built with tRPC's own functions (getErrorShape, transformTRPCResponse, getHTTPStatusCode; a
// result's transform is written out as that function builds it), so the status, body and tRPC
// headers are the adapter's, byte for byte (test/single-query.test.ts compares both).
// Everything else — batches, mutations, subscriptions, streaming (jsonl) and form/binary
// requests, unknown paths — goes on to the adapter unchanged.

import type { ServerResponse } from "node:http";
import { RESPONSE_ALREADY_SENT } from "@hono/node-server/utils/response";
import type { AnyProcedure } from "@trpc/server";
import { getErrorShape, getTRPCErrorFromUnknown, TRPCError, transformTRPCResponse } from "@trpc/server";
import { getHTTPStatusCode } from "@trpc/server/http";
import type { Context as HonoContext, Next } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { RATE_REFUSAL_HEADER } from "../limits/abuse.ts";
import type { RequestVariables } from "../middleware/request-log.ts";
import type { HeaderList, ResponseHeaders } from "../middleware/response-headers.ts";
import type { AppRouter } from "../routers/index.ts";
import type { Context } from "./context.ts";
import { answerWithStoredTexts } from "./stored-json.ts";

export interface TrpcErrorReport {
  error: TRPCError;
  path: string | undefined;
}

export interface SingleQueryOptions {
  router: AppRouter;
  createContext(c: HonoContext<{ Variables: RequestVariables }>): Promise<Context>;
  /** The adapter's onError, called for the same errors with the same fields. */
  onError(report: TrpcErrorReport): void;
  /** The headers every answer gets (middleware/response-headers.ts), for answers written directly. */
  headersFor: ResponseHeaders["forRequest"];
}

/** The headers resolveResponse puts on every answer. */
const TRPC_HEADERS = { "content-type": "application/json", vary: "trpc-accept, accept" };

const isObject = (value: unknown): value is Record<string, unknown> =>
  !!value && !Array.isArray(value) && typeof value === "object";
const isPromise = (value: unknown) => isObject(value) && typeof value.then === "function";
const isAsyncIterable = (value: unknown) => isObject(value) && Symbol.asyncIterator in value;
/** resolveResponse's isDataStream: a value that only a streaming (jsonl) request may return. */
const isDataStream = (value: unknown) =>
  isObject(value) &&
  (isAsyncIterable(value) || Object.values(value).some((v) => isPromise(v) || isAsyncIterable(v)));

/**
 * Whether the adapter would read this request as JSON (its content-type handlers): a GET with
 * a multipart or octet-stream type is refused there, in the adapter's words.
 */
function isJsonRequest(contentType: string | undefined): boolean {
  if (contentType === undefined) return true;
  const type = contentType.toLowerCase().split(";", 1)[0]?.trim();
  return type !== "multipart/form-data" && type !== "application/octet-stream";
}

/** Asks for a jsonl stream (the adapter's getAcceptHeader): only the adapter answers that. */
function wantsStream(c: HonoContext): boolean {
  if (c.req.header("trpc-accept") !== undefined) return true;
  return !!c.req
    .header("accept")
    ?.split(",")
    .some((type) => type.trim() === "application/jsonl");
}

/**
 * A 200 answer straight to the Node response with the headers middleware/response-headers.ts
 * would have written (in the same way: Vary appended, a header already set kept), without a web
 * Response, its undici Headers and the adapter's conversion back. The request's log line and
 * metrics read the marker response's status, 200.
 */
function writeDirect(c: HonoContext, body: string, added: HeaderList) {
  const headers: Record<string, string | string[]> = { ...TRPC_HEADERS };
  const cookies: string[] = [];
  for (const [name, value] of added) {
    const key = name.toLowerCase();
    if (key === "set-cookie") cookies.push(value);
    else if (key === "vary") headers.vary = `${headers.vary}, ${value}`;
    else headers[key] ??= value;
  }
  if (cookies.length > 0) headers["set-cookie"] = cookies;
  headers["content-length"] = String(Buffer.byteLength(body));
  const outgoing = (c.env as { outgoing: ServerResponse }).outgoing;
  outgoing.writeHead(200, headers);
  outgoing.end(body);
  return RESPONSE_ALREADY_SENT;
}

export function singleQuery({ router, createContext, onError, headersFor }: SingleQueryOptions) {
  const config = router._def._config;
  // At run time a flat map by dotted path (what tRPC's own lookup, getProcedureAtPath, reads).
  const procedures = router._def.procedures as unknown as Record<string, AnyProcedure>;
  return async (c: HonoContext<{ Variables: RequestVariables }>, next: Next) => {
    // HEAD is routed to GET handlers by Hono; the adapter answers it 204 itself.
    if (c.req.method !== "GET") return next();
    const path = c.req.path.slice("/trpc/".length);
    const procedure = Object.hasOwn(procedures, path) ? procedures[path] : undefined;
    if (procedure?._def.type !== "query") return next();
    const searchParams = new URL(c.req.url).searchParams;
    if (searchParams.has("batch") || searchParams.has("connectionParams")) return next();
    if (!isJsonRequest(c.req.header("content-type")) || wantsStream(c)) return next();

    // The adapter's input reading, memoized as there: the procedure's middlewares and its input
    // parser each ask for it; a failed parse is the procedure's error (and leaves input unset).
    let input: unknown;
    let reading: Promise<unknown> | undefined;
    const getRawInput = () => {
      reading ??= (async () => {
        const text = searchParams.get("input");
        const value = text ? config.transformer.input.deserialize(JSON.parse(text)) : undefined;
        input = value;
        return value;
      })().catch((cause: unknown) => {
        // The adapter's memo: input that does not parse is the client's mistake.
        if (cause instanceof TRPCError) throw cause;
        throw new TRPCError({
          code: "BAD_REQUEST",
          message: cause instanceof Error ? cause.message : "Invalid input",
          cause,
        });
      });
      return reading;
    };

    let ctx: Context | undefined;
    let data: unknown;
    let error: TRPCError | undefined;
    try {
      ctx = await (c.get("trpcContext") ?? createContext(c));
      // This path writes the answer's JSON itself: stored results may come as their text.
      ctx.storedTextAnswers = true;
    } catch (cause) {
      error = getTRPCErrorFromUnknown(cause);
    }
    if (!error) {
      try {
        data = await procedure({
          path,
          getRawInput,
          ctx,
          type: "query",
          signal: c.req.raw.signal,
          batchIndex: 0,
        });
      } catch (cause) {
        error = getTRPCErrorFromUnknown(cause);
      }
    }
    let errorPath: string | undefined = path;
    let errorInput = input;
    if (!error && isDataStream(data)) {
      // Raised outside the call in the adapter: reported without path or input.
      error = new TRPCError({
        code: "UNSUPPORTED_MEDIA_TYPE",
        message: "Cannot use stream-like response in non-streaming request - use httpBatchStreamLink",
      });
      errorPath = undefined;
      errorInput = undefined;
    }
    if (!error) {
      // transformTRPCResponse's answer for a result, built as a literal: its spread copies
      // (babel's _objectSpread2, key by key) were ~6 µs of auth.me's ~100 µs per request.
      const body = answerWithStoredTexts(data, (answer) =>
        JSON.stringify({ result: { data: config.transformer.output.serialize(answer) } }),
      );
      // Compression (middleware in app.ts) needs the web Response; so does a refusal's header
      // that middleware/refusal-memo.ts reads and removes (not set on a success, checked anyway).
      const added = c.get("answerHeaders");
      if (c.req.header("accept-encoding") || added?.has(RATE_REFUSAL_HEADER))
        return c.body(body, 200, TRPC_HEADERS);
      return writeDirect(c, body, await headersFor(c));
    }
    onError({ error, path: errorPath });
    const shape = getErrorShape({ config, ctx, error, input: errorInput, path: errorPath, type: "query" });
    const answer = { error: shape };
    const status = getHTTPStatusCode(answer) as ContentfulStatusCode;
    return c.body(JSON.stringify(transformTRPCResponse(config, answer)), status, TRPC_HEADERS);
  };
}
