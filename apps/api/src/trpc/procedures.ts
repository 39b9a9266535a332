// Authorization as procedure builders: each narrows the context, so no handler re-checks it.
//   publicProcedure → protectedProcedure → companyAdminProcedure
//                                        → projectProcedure(minRole)

import { type ProjectRole, projectRoleRank } from "@ampflux/contracts";
import { projectMembers, projects } from "@ampflux/db";
import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { refuseUntilEnrolled } from "../auth/two-factor/requirement.ts";
import { enforceUnverifiedAccess } from "../auth/unverified-access.ts";
import { publicProcedure } from "./init.ts";

export const protectedProcedure = publicProcedure.use(({ ctx, next, path, type }) => {
  if (!ctx.auth) throw new TRPCError({ code: "UNAUTHORIZED", message: "log in or send an API key" });
  refuseUntilEnrolled(ctx.auth, path);
  enforceUnverifiedAccess(ctx.auth, path, type);
  return next({ ctx: { ...ctx, auth: ctx.auth, user: ctx.auth.user } });
});

export const companyAdminProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (ctx.user.role !== "company_admin") {
    throw new TRPCError({ code: "FORBIDDEN", message: "only company admins may do this" });
  }
  return next();
});

/**
 * Procedures on one project: the input carries `projectId`. A project of another company does
 * not exist for the caller (NOT_FOUND); a company admin has owner rights on every project of the
 * company; an archived project refuses editor-level writes until it is restored.
 */
export const projectProcedure = (minRole: ProjectRole) =>
  protectedProcedure.input(z.object({ projectId: z.uuid() })).use(async ({ ctx, input, next }) => {
    const [row] = await ctx.deps.database.db
      .select({ project: projects, memberRole: projectMembers.role })
      .from(projects)
      .leftJoin(
        projectMembers,
        and(eq(projectMembers.projectId, projects.id), eq(projectMembers.userId, ctx.user.id)),
      )
      .where(and(eq(projects.id, input.projectId), eq(projects.companyId, ctx.user.companyId)));
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
    return next({ ctx: { ...ctx, project: row.project, projectRole: role } });
  });
