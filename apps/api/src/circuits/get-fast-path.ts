// circuits.get without parsing and re-serializing the stored document. The tRPC procedure has
// Postgres turn the jsonb into text, postgres-js parse that text (~1 MB for case1354pegase),
// superjson walk every element and JSON.stringify write it all again: per request, for a
// document that never changes (versions are immutable). Here Postgres's text goes into the
// response as it is, and stays in memory as UTF-8 bytes for the next request (bounded, LRU). Authorization is the procedure's own (projectProcedure("viewer") through a
// tRPC caller); anything but a plain successful GET (batches, bad input, errors, a missing
// version) falls through to the tRPC handler, which answers it exactly as before.

import { circuitVersions, users } from "@ampflux/db";
import { and, eq, sql } from "drizzle-orm";
import type { Context as HonoContext, Next } from "hono";
import superjson from "superjson";
import { z } from "zod";
import type { ApiDeps } from "../deps.ts";
import type { RequestVariables } from "../middleware/request-log.ts";
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

class DocumentBytesCache {
  readonly #entries = new Map<string, Buffer>();
  #bytes = 0;

  get(versionId: string): Buffer | undefined {
    const bytes = this.#entries.get(versionId);
    if (bytes) {
      // Most recently used last: Map keeps insertion order, the first entry is evicted first.
      this.#entries.delete(versionId);
      this.#entries.set(versionId, bytes);
    }
    return bytes;
  }

  set(versionId: string, bytes: Buffer): void {
    if (bytes.length > DOCUMENT_CACHE_BYTES / 4) return;
    this.#entries.set(versionId, bytes);
    this.#bytes += bytes.length;
    for (const [id, old] of this.#entries) {
      if (this.#bytes <= DOCUMENT_CACHE_BYTES) break;
      this.#entries.delete(id);
      this.#bytes -= old.length;
    }
  }
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
        const latest = sql`(select max(${circuitVersions.version}) from ${circuitVersions} where ${circuitVersions.projectId} = ${ctx.project.id})`;
        const [summary] = await db
          .select(versionSummaryColumns)
          .from(circuitVersions)
          .leftJoin(users, eq(users.id, circuitVersions.authorId))
          .where(
            and(
              eq(circuitVersions.projectId, ctx.project.id),
              eq(circuitVersions.version, input.version ?? latest),
            ),
          );
        if (!summary) return null;
        let document = cached.get(summary.id);
        if (!document) {
          const [row] = await db
            .select({ text: sql<string>`${circuitVersions.document}::text` })
            .from(circuitVersions)
            .where(eq(circuitVersions.id, summary.id));
          if (!row) return null;
          document = Buffer.from(row.text, "utf8");
          cached.set(summary.id, document);
        }
        return { summary, document };
      }),
  });
}

/** Hono handler for GET /trpc/circuits.get, ahead of the tRPC handler. */
export function circuitsGetFastPath(deps: ApiDeps) {
  const caller = createCallerFactory(documentTextRouter(new DocumentBytesCache()));
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
    const body = JSON.stringify({
      result: { data: superjson.serialize({ ...found.summary, document: DOCUMENT_PLACEHOLDER }) },
    });
    const at = body.indexOf(PLACEHOLDER_JSON);
    const bytes = Buffer.concat([
      Buffer.from(body.slice(0, at), "utf8"),
      found.document,
      Buffer.from(body.slice(at + PLACEHOLDER_JSON.length), "utf8"),
    ]);
    return c.body(bytes, 200, { "content-type": "application/json" });
  };
}
