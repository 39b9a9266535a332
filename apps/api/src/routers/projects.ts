import { pageInputSchema, projectNameSchema, projectRoleSchema } from "@ampflux/contracts";
import { projectMembers, projects, type Transaction, users } from "@ampflux/db";
import { TRPCError } from "@trpc/server";
import { and, asc, count, eq, ne } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit.ts";
import { activeLicense } from "../licenses.ts";
import { router } from "../trpc/init.ts";
import { projectProcedure, protectedProcedure } from "../trpc/procedures.ts";
import { listProjects } from "./project-list.ts";
import { changingProjects } from "./project-list-cache.ts";
import { studySettingsRouter } from "./study-settings.ts";

const descriptionSchema = z.string().trim().max(5_000);
const memberInput = z.object({ userId: z.uuid() });

/** Refuses a change that would leave the project without an owner. */
async function keepAnOwner(tx: Transaction, projectId: string, exceptUserId: string) {
  const [row] = await tx
    .select({ owners: count() })
    .from(projectMembers)
    .where(
      and(
        eq(projectMembers.projectId, projectId),
        eq(projectMembers.role, "owner"),
        ne(projectMembers.userId, exceptUserId),
      ),
    );
  if (!row?.owners)
    throw new TRPCError({ code: "PRECONDITION_FAILED", message: "a project must keep at least one owner" });
}

const membersRouter = router({
  list: projectProcedure("viewer").query(({ ctx }) =>
    ctx.deps.database.db
      .select({ userId: users.id, name: users.name, email: users.email, role: projectMembers.role })
      .from(projectMembers)
      .innerJoin(users, eq(users.id, projectMembers.userId))
      .where(eq(projectMembers.projectId, ctx.project.id))
      .orderBy(asc(users.name)),
  ),

  /** Adds a user of the same company, or changes the role of one already a member. */
  set: projectProcedure("owner")
    .input(memberInput.extend({ role: projectRoleSchema }))
    .mutation(async ({ ctx, input }) => {
      await changingProjects(ctx.deps, ctx.project.companyId, async (tx) => {
        const [user] = await tx
          .select({ id: users.id })
          .from(users)
          .where(
            and(eq(users.id, input.userId), eq(users.companyId, ctx.user.companyId), eq(users.active, true)),
          );
        if (!user)
          throw new TRPCError({ code: "NOT_FOUND", message: "no active user with this id in your company" });
        if (input.role !== "owner") await keepAnOwner(tx, ctx.project.id, input.userId);
        await tx
          .insert(projectMembers)
          .values({ projectId: ctx.project.id, userId: input.userId, role: input.role })
          .onConflictDoUpdate({
            target: [projectMembers.projectId, projectMembers.userId],
            set: { role: input.role },
          });
        await recordAudit(tx, ctx, {
          action: "project.member_set",
          projectId: ctx.project.id,
          targetType: "user",
          targetId: input.userId,
          details: { role: input.role },
        });
      });
      return { ok: true };
    }),

  remove: projectProcedure("owner")
    .input(memberInput)
    .mutation(async ({ ctx, input }) => {
      await changingProjects(ctx.deps, ctx.project.companyId, async (tx) => {
        await keepAnOwner(tx, ctx.project.id, input.userId);
        const removed = await tx
          .delete(projectMembers)
          .where(and(eq(projectMembers.projectId, ctx.project.id), eq(projectMembers.userId, input.userId)))
          .returning({ userId: projectMembers.userId });
        if (removed.length === 0)
          throw new TRPCError({ code: "NOT_FOUND", message: "not a member of this project" });
        await recordAudit(tx, ctx, {
          action: "project.member_remove",
          projectId: ctx.project.id,
          targetType: "user",
          targetId: input.userId,
        });
      });
      return { ok: true };
    }),
});

export const projectsRouter = router({
  /** The creator becomes the project's owner; the license caps how many projects a company has. */
  create: protectedProcedure
    .input(z.object({ name: projectNameSchema, description: descriptionSchema.default("") }))
    .mutation(({ ctx, input }) =>
      changingProjects(ctx.deps, ctx.user.companyId, async (tx) => {
        const license = await activeLicense(tx, ctx.user.companyId);
        const [existing] = await tx
          .select({ n: count() })
          .from(projects)
          .where(eq(projects.companyId, ctx.user.companyId));
        if ((existing?.n ?? 0) >= license.maxProjects) {
          throw new TRPCError({
            code: "FORBIDDEN",
            message: `your ${license.plan} plan allows ${license.maxProjects} projects: delete one or upgrade`,
          });
        }
        const [project] = await tx
          .insert(projects)
          .values({
            companyId: ctx.user.companyId,
            name: input.name,
            description: input.description,
            createdBy: ctx.user.id,
          })
          .returning();
        if (!project) throw new Error("project insert returned nothing");
        await tx.insert(projectMembers).values({ projectId: project.id, userId: ctx.user.id, role: "owner" });
        await recordAudit(tx, ctx, {
          action: "project.create",
          projectId: project.id,
          targetType: "project",
          targetId: project.id,
        });
        return project;
      }),
    ),

  /** Projects the caller belongs to (company admins: all of the company's), newest first. */
  list: protectedProcedure
    .input(
      pageInputSchema.extend({
        search: z.string().trim().max(200).optional(),
        archived: z.enum(["exclude", "include", "only"]).default("exclude"),
      }),
    )
    .query(({ ctx, input }) =>
      listProjects(
        ctx.deps.database.db,
        {
          companyId: ctx.user.companyId,
          userId: ctx.user.id,
          admin: ctx.user.role === "company_admin",
          archived: input.archived,
          search: input.search,
          limit: input.limit,
          offset: input.offset,
        },
        ctx.deps.projectLists,
      ),
    ),

  get: projectProcedure("viewer").query(({ ctx }) => ({ ...ctx.project, role: ctx.projectRole })),

  update: projectProcedure("owner")
    .input(
      z
        .object({ name: projectNameSchema.optional(), description: descriptionSchema.optional() })
        // An update setting nothing would be an empty UPDATE, which the database refuses.
        .refine((input) => input.name !== undefined || input.description !== undefined, {
          message: "nothing to change: give a name or a description",
        }),
    )
    .mutation(({ ctx, input }) =>
      changingProjects(ctx.deps, ctx.project.companyId, async (tx) => {
        const [project] = await tx
          .update(projects)
          .set({ name: input.name, description: input.description })
          .where(eq(projects.id, ctx.project.id))
          .returning();
        await recordAudit(tx, ctx, {
          action: "project.update",
          projectId: ctx.project.id,
          targetType: "project",
          targetId: ctx.project.id,
          details: { name: input.name, description: input.description },
        });
        return project;
      }),
    ),

  /** Archived projects are read-only and hidden from the default list; restoring undoes it. */
  setArchived: projectProcedure("owner")
    .input(z.object({ archived: z.boolean() }))
    .mutation(({ ctx, input }) =>
      changingProjects(ctx.deps, ctx.project.companyId, async (tx) => {
        const [project] = await tx
          .update(projects)
          .set({ archivedAt: input.archived ? new Date() : null })
          .where(eq(projects.id, ctx.project.id))
          .returning();
        await recordAudit(tx, ctx, {
          action: input.archived ? "project.archive" : "project.restore",
          projectId: ctx.project.id,
          targetType: "project",
          targetId: ctx.project.id,
        });
        return project;
      }),
    ),

  /** Deletes the project with its versions and simulations; the audit trail keeps the record. */
  delete: projectProcedure("owner").mutation(async ({ ctx }) => {
    await changingProjects(ctx.deps, ctx.project.companyId, async (tx) => {
      await recordAudit(tx, ctx, {
        action: "project.delete",
        targetType: "project",
        targetId: ctx.project.id,
        details: { name: ctx.project.name },
      });
      await tx.delete(projects).where(eq(projects.id, ctx.project.id));
    });
    return { ok: true };
  }),

  members: membersRouter,
  studySettings: studySettingsRouter,
});
