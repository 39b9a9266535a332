// Authorization as procedure builders: each narrows the context, so no handler re-checks it.
//   publicProcedure → protectedProcedure → companyAdminProcedure
//                                        → projectProcedure(minRole)

import { type ProjectRole, projectRoleRank } from "@ampflux/contracts";
import { type Database, projectMembers, projects } from "@ampflux/db";
import { experimental_standaloneMiddleware, TRPCError } from "@trpc/server";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { SessionUser } from "../auth/sessions.ts";
import { refuseUntilEnrolled } from "../auth/two-factor/requirement.ts";
import { enforceUnverifiedAccess } from "../auth/unverified-access.ts";
import type { ApiDeps } from "../deps.ts";
import type { HeavyKind, LimitCaller } from "../limits/abuse.ts";
import { holdWhileRunning } from "../limits/hold.ts";
import { publicProcedure } from "./init.ts";

// One middleware, not two: each tRPC middleware layer copies the call's options and context
// (a tenth of auth.me's CPU went to those copies under load, docs/performance.md).
export const protectedProcedure = publicProcedure.use(async ({ ctx, next, path, type, signal }) => {
  if (!ctx.auth) throw new TRPCError({ code: "UNAUTHORIZED", message: "log in or send an API key" });
  refuseUntilEnrolled(ctx.auth, path);
  enforceUnverifiedAccess(ctx.auth, path, type);
  const narrowed = { ctx: { ...ctx, auth: ctx.auth, user: ctx.auth.user } };
  if (type !== "subscription") return next(narrowed);
  // Every live stream (SSE) holds one of the user's SSE_MAX_PER_USER slots while open.
  const release = await ctx.deps.limits.admitStream(narrowed.ctx);
  return holdWhileRunning(release, type, signal, () => next(narrowed));
});

export const companyAdminProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (ctx.user.role !== "company_admin") {
    throw new TRPCError({ code: "FORBIDDEN", message: "only company admins may do this" });
  }
  return next();
});

const projectInput = z.object({ projectId: z.uuid() });

/**
 * The project and the caller's membership in one round trip, built and prepared once per
 * database (every project procedure runs it; drizzle rebuilding its SQL per request showed in
 * the profile of circuits.get under load).
 */
function projectAccessQuery(db: Database) {
  return db
    .select({ project: projects, memberRole: projectMembers.role })
    .from(projects)
    .leftJoin(
      projectMembers,
      and(eq(projectMembers.projectId, projects.id), eq(projectMembers.userId, sql.placeholder("userId"))),
    )
    .where(
      and(
        eq(projects.id, sql.placeholder("projectId")),
        eq(projects.companyId, sql.placeholder("companyId")),
      ),
    )
    .prepare("project_access");
}
const preparedProjectAccess = new WeakMap<Database, ReturnType<typeof projectAccessQuery>>();
function projectAccessRow(db: Database, values: { userId: string; projectId: string; companyId: string }) {
  let query = preparedProjectAccess.get(db);
  if (!query) {
    query = projectAccessQuery(db);
    preparedProjectAccess.set(db, query);
  }
  return query.execute(values);
}

/**
 * The caller's access to the project of `input.projectId`. A project of another company does not
 * exist for the caller (NOT_FOUND); a company admin has owner rights on every project of the
 * company; an archived project refuses editor-level writes until it is restored.
 */
const projectAccess = (minRole: ProjectRole) =>
  experimental_standaloneMiddleware<{
    ctx: { deps: ApiDeps; user: SessionUser };
    input: { projectId: string };
  }>().create(async ({ ctx, input, next }) => {
    const [row] = await projectAccessRow(ctx.deps.database.db, {
      userId: ctx.user.id,
      projectId: input.projectId,
      companyId: ctx.user.companyId,
    });
    if (!row) throw new TRPCError({ code: "NOT_FOUND", message: "project not found" });
    const role: ProjectRole | null = ctx.user.role === "company_admin" ? "owner" : row.memberRole;
    if (!role) throw new TRPCError({ code: "FORBIDDEN", message: "you are not a member of this project" });
    if (projectRoleRank[role] < projectRoleRank[minRole]) {
      throw new TRPCError({
        code: "FORBIDDEN",
        message: `this needs the ${minRole} role on the project (you are ${role})`,
      });
    }
    if (row.project.archivedAt && minRole === "editor") {
      throw new TRPCError({
        code: "PRECONDITION_FAILED",
        message: "the project is archived: restore it first",
      });
    }
    return next({ ctx: { project: row.project, projectRole: role } });
  });

/** Procedures on one project: the input carries `projectId` (projectAccess). */
export const projectProcedure = (minRole: ProjectRole) =>
  protectedProcedure.input(projectInput).use(projectAccess(minRole));

/**
 * Heavy work (docs/limits.md): each request holds one of the user's and the company's heavy slots
 * while it runs (a stream: while it is open), within their rate per minute.
 */
export const heavyWork = (kind: HeavyKind) =>
  experimental_standaloneMiddleware<{ ctx: LimitCaller & { deps: ApiDeps } }>().create(
    async ({ ctx, type, signal, next }) =>
      holdWhileRunning(await ctx.deps.limits.admitHeavy(ctx, kind), type, signal, next),
  );

/**
 * Project procedures doing heavy work. The project's access is checked first, so another
 * company's caller always gets NOT_FOUND; a client retrying a refused heavy request is answered
 * from middleware/refusal-memo.ts before any of this runs.
 */
export const heavyProjectProcedure = (minRole: ProjectRole, kind: HeavyKind) =>
  projectProcedure(minRole).use(heavyWork(kind));
