// circuits.get without parsing and re-serializing the stored document. The tRPC procedure has
// Postgres turn the jsonb into text, postgres-js parse that text (~1 MB for case1354pegase),
// superjson walk every element and JSON.stringify write it all again: per request, for a
// document that never changes (versions are immutable). Here Postgres's text goes into the
// response as it is, and stays in memory as UTF-8 bytes for the next request (bounded, LRU).
// The answer is written to the Node response directly, the document's bytes as they are cached
// (one writev, no copy through a web-stream Response); a client accepting gzip gets gzip bytes
// kept next to the plain ones (compressed once per version and envelope, off the event loop).
// Authorization is the procedure's own (projectProcedure("viewer") through a
// tRPC caller); anything but a plain successful GET (batches, bad input, errors, a missing
// version) falls through to the tRPC handler, which answers it exactly as before.

import type { ServerResponse } from "node:http";
import { circuitVersions, type Database, users } from "@ampflux/db";
import { RESPONSE_ALREADY_SENT } from "@hono/node-server/utils/response";
import { and, eq, sql } from "drizzle-orm";
import type { Context as HonoContext, Next } from "hono";
import superjson from "superjson";
import { z } from "zod";
import type { ApiDeps } from "../deps.ts";
import { compressors } from "../middleware/compress.ts";
import type { RequestVariables } from "../middleware/request-log.ts";
import type { ResponseHeaders } from "../middleware/response-headers.ts";
import { createContext } from "../trpc/context.ts";
import { createCallerFactory, router } from "../trpc/init.ts";
import { projectProcedure } from "../trpc/procedures.ts";
import { versionSummaryColumns } from "./version-columns.ts";

/**
 * Stands in for the document while the rest is serialized. No input or stored text can contain
 * it: NUL characters are refused in input (trpc/nul-characters.ts) and Postgres stores none.
 */
const DOCUMENT_PLACEHOLDER = "\u0000document\u0000";
const PLACEHOLDER_JSON = JSON.stringify(DOCUMENT_PLACEHOLDER);

/** Documents kept as UTF-8 bytes, by version row id; versions are immutable, so never stale. */
const DOCUMENT_CACHE_BYTES = 64 * 2 ** 20;

/** A version's document as UTF-8 bytes, and the whole answer gzipped for the envelope it had. */
interface CachedDocument {
  plain: Buffer;
  /** The gzipped answer, valid while the envelope (the summary around the document) is `envelope`. */
  gzip?: { envelope: string; bytes: Buffer };
}

class DocumentBytesCache {
  readonly #entries = new Map<string, CachedDocument>();
  #bytes = 0;

  get(versionId: string): CachedDocument | undefined {
    const entry = this.#entries.get(versionId);
    if (entry) {
      // Most recently used last: Map keeps insertion order, the first entry is evicted first.
      this.#entries.delete(versionId);
      this.#entries.set(versionId, entry);
    }
    return entry;
  }

  set(versionId: string, plain: Buffer): CachedDocument {
    const entry: CachedDocument = { plain };
    if (plain.length > DOCUMENT_CACHE_BYTES / 4) return entry;
    this.#entries.set(versionId, entry);
    this.#grow(plain.length);
    return entry;
  }

  /** Keeps the gzipped answer next to the plain document (counted against the same bound). */
  setGzip(versionId: string, entry: CachedDocument, envelope: string, bytes: Buffer): void {
    if (this.#entries.get(versionId) !== entry) return;
    this.#grow(bytes.length - (entry.gzip?.bytes.length ?? 0));
    entry.gzip = { envelope, bytes };
  }

  #grow(by: number): void {
    this.#bytes += by;
    for (const [id, old] of this.#entries) {
      if (this.#bytes <= DOCUMENT_CACHE_BYTES) break;
      this.#entries.delete(id);
      this.#bytes -= old.plain.length + (old.gzip?.bytes.length ?? 0);
    }
  }
}

/** Whether an Accept-Encoding header accepts gzip (RFC 9110 §12.5.3: not with q=0). */
function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(",").some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(";");
    if (coding !== "gzip" && coding !== "*") return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/**
 * A version's summary (with its author's name): the one asked for, or the latest. Built and
 * prepared once per database and shape, not per request.
 */
function summaryQuery(db: Database, latest: boolean) {
  const projectId = sql.placeholder("projectId");
  const newest = sql`(select max(${circuitVersions.version}) from ${circuitVersions} where ${circuitVersions.projectId} = ${projectId})`;
  return db
    .select(versionSummaryColumns)
    .from(circuitVersions)
    .leftJoin(users, eq(users.id, circuitVersions.authorId))
    .where(
      and(
        eq(circuitVersions.projectId, projectId),
        eq(circuitVersions.version, latest ? newest : sql.placeholder("version")),
      ),
    )
    .prepare(latest ? "circuits_get_latest_summary" : "circuits_get_summary");
}
type SummaryQuery = ReturnType<typeof summaryQuery>;
const preparedSummaries = new WeakMap<Database, { latest: SummaryQuery; numbered: SummaryQuery }>();
function versionSummary(db: Database, projectId: string, version: number | undefined) {
  let queries = preparedSummaries.get(db);
  if (!queries) {
    queries = { latest: summaryQuery(db, true), numbered: summaryQuery(db, false) };
    preparedSummaries.set(db, queries);
  }
  return version === undefined
    ? queries.latest.execute({ projectId })
    : queries.numbered.execute({ projectId, version });
}

/**
 * The version as the procedure returns it, the document as Postgres's JSON text. `cached` says
 * which version rows this process holds already: their documents are not fetched again (the
 * summary is, since the author's name can change).
 */
function documentTextRouter(cached: DocumentBytesCache) {
  return router({
    get: projectProcedure("viewer")
      .input(z.object({ version: z.number().int().min(1).optional() }))
      .query(async ({ ctx, input }) => {
        const db = ctx.deps.database.db;
        const [summary] = await versionSummary(db, ctx.project.id, input.version);
        if (!summary) return null;
        let document = cached.get(summary.id);
        if (!document) {
          const [row] = await db
            .select({ text: sql<string>`${circuitVersions.document}::text` })
            .from(circuitVersions)
            .where(eq(circuitVersions.id, summary.id));
          if (!row) return null;
          document = cached.set(summary.id, Buffer.from(row.text, "utf8"));
        }
        return { summary, document };
      }),
  });
}

/** Hono handler for GET /trpc/circuits.get, ahead of the tRPC handler. */
export function circuitsGetFastPath(deps: ApiDeps, headersFor: ResponseHeaders["forRequest"]) {
  const cached = new DocumentBytesCache();
  const caller = createCallerFactory(documentTextRouter(cached));
  return async (c: HonoContext<{ Variables: RequestVariables }>, next: Next) => {
    const rawInput = c.req.query("input");
    if (rawInput === undefined || c.req.query("batch") !== undefined) return next();
    let found: Awaited<ReturnType<ReturnType<typeof caller>["get"]>>;
    try {
      const input = superjson.deserialize(JSON.parse(rawInput));
      const ctx = await createContext(c, deps);
      // A request that falls through reuses this context: one auth lookup, one cookie refresh.
      c.set("trpcContext", ctx);
      found = await caller(ctx).get(input as never);
    } catch {
      return next();
    }
    if (!found) return next();
    // Exactly tRPC's answer to a query: { result: { data: superjson.serialize(value) } }, with the
    // document's key where the procedure puts it (last).
    const envelope = JSON.stringify({
      result: { data: superjson.serialize({ ...found.summary, document: DOCUMENT_PLACEHOLDER }) },
    });
    const at = envelope.indexOf(PLACEHOLDER_JSON);
    const head = Buffer.from(envelope.slice(0, at), "utf8");
    const tail = Buffer.from(envelope.slice(at + PLACEHOLDER_JSON.length), "utf8");
    const { document } = found;
    // What every answer carries, with the session cookie's refresh (middleware/response-headers.ts).
    const headers: Record<string, string | string[]> = { "content-type": "application/json" };
    const cookies: string[] = [];
    for (const [name, value] of await headersFor(c)) {
      const key = name.toLowerCase();
      if (key === "set-cookie") cookies.push(value);
      else headers[key] = value;
    }
    if (cookies.length > 0) headers["set-cookie"] = cookies;
    headers.vary = "Origin, Accept-Encoding";

    let chunks: Buffer[] = [head, document.plain, tail];
    if (acceptsGzip(c.req.header("accept-encoding"))) {
      let gzipped = document.gzip?.envelope === envelope ? document.gzip.bytes : undefined;
      if (!gzipped) {
        gzipped = await compressors.gzip(Buffer.concat(chunks));
        cached.setGzip(found.summary.id, document, envelope, gzipped);
      }
      chunks = [gzipped];
      headers["content-encoding"] = "gzip";
    }
    headers["content-length"] = String(chunks.reduce((n, chunk) => n + chunk.length, 0));
    // Straight onto the socket: one writev of the cached bytes (the adapter would copy them
    // through a web-stream Response).
    const outgoing = (c.env as { outgoing: ServerResponse }).outgoing;
    outgoing.writeHead(200, headers);
    outgoing.cork();
    for (const chunk of chunks.slice(0, -1)) outgoing.write(chunk);
    outgoing.end(chunks.at(-1));
    // Tells @hono/node-server the answer is sent (the middleware leaves this one alone).
    return RESPONSE_ALREADY_SENT;
  };
}
