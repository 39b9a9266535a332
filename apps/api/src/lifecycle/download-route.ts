// GET /exports/:id — an export archive as a file download (a plain link, so the browser saves it
// as it arrives and an API key works from curl). Authorization as in tRPC: the session cookie or
// a bearer API key; a user export is its requester's only, a company export any admin's of that
// company. Every other caller, and another company's export, gets 404; an expired link 410.

import { exportFileName } from "@ampflux/contracts";
import { dataExports } from "@ampflux/db";
import { and, eq } from "drizzle-orm";
import type { Context as HonoContext } from "hono";
import { z } from "zod";
import { recordAudit } from "../audit.ts";
import type { ApiDeps } from "../deps.ts";
import { createContext } from "../trpc/context.ts";

const idSchema = z.uuid();

export const exportDownloadRoute = (deps: ApiDeps) => async (c: HonoContext) => {
  const ctx = await createContext(c, deps);
  if (!ctx.auth) return c.json({ error: "log in or send an API key" }, 401);
  const id = idSchema.safeParse(c.req.param("id"));
  if (!id.success) return c.json({ error: "id: must be an export id (a UUID)" }, 400);
  const user = ctx.auth.user;
  const db = deps.database.db;
  const [row] = await db
    .select()
    .from(dataExports)
    .where(and(eq(dataExports.id, id.data), eq(dataExports.companyId, user.companyId)));
  const allowed =
    row && (row.kind === "company" ? user.role === "company_admin" : row.requestedBy === user.id);
  if (!row || !allowed) return c.json({ error: "export not found" }, 404);
  if (row.status !== "done")
    return c.json({ error: `the export is ${row.status}: nothing to download yet` }, 409);
  if (!row.archive || !row.expiresAt || row.expiresAt.getTime() <= Date.now())
    return c.json({ error: "the download link has expired: request a new export" }, 410);
  await recordAudit(
    db,
    { user, client: ctx.client },
    {
      action: `export.${row.kind}.download`,
      targetType: "data_export",
      targetId: row.id,
      details: { size: row.size },
    },
  );
  // A copy backed by a plain ArrayBuffer (postgres.js hands out a Buffer view of its own pool).
  return c.body(new Uint8Array(row.archive), 200, {
    "Content-Type": "application/zip",
    "Content-Disposition": `attachment; filename="${exportFileName(row.kind, row.id, row.createdAt)}"`,
    "Cache-Control": "private, no-store",
  });
};
