import { pageInputSchema } from "@ampflux/contracts";
import { auditLogs, users } from "@ampflux/db";
import { and, count, desc, eq, gte, lt, type SQL } from "drizzle-orm";
import { z } from "zod";
import { router } from "../trpc/init.ts";
import { companyAdminProcedure } from "../trpc/procedures.ts";

export const auditRouter = router({
  /** The company's audit trail, newest first, filtered by user, project, action and time. */
  list: companyAdminProcedure
    .input(
      pageInputSchema.extend({
        userId: z.uuid().optional(),
        projectId: z.uuid().optional(),
        action: z.string().max(100).optional(),
        from: z.date().optional(),
        to: z.date().optional(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const conditions: SQL[] = [eq(auditLogs.companyId, ctx.user.companyId)];
      if (input.userId) conditions.push(eq(auditLogs.userId, input.userId));
      if (input.projectId) conditions.push(eq(auditLogs.projectId, input.projectId));
      if (input.action) conditions.push(eq(auditLogs.action, input.action));
      if (input.from) conditions.push(gte(auditLogs.createdAt, input.from));
      if (input.to) conditions.push(lt(auditLogs.createdAt, input.to));
      const where = and(...conditions);
      const db = ctx.deps.database.db;
      const [items, [total]] = await Promise.all([
        db
          .select({
            id: auditLogs.id,
            action: auditLogs.action,
            userId: auditLogs.userId,
            userEmail: users.email,
            projectId: auditLogs.projectId,
            targetType: auditLogs.targetType,
            targetId: auditLogs.targetId,
            details: auditLogs.details,
            ip: auditLogs.ip,
            createdAt: auditLogs.createdAt,
          })
          .from(auditLogs)
          .leftJoin(users, eq(users.id, auditLogs.userId))
          .where(where)
          .orderBy(desc(auditLogs.createdAt), desc(auditLogs.id))
          .limit(input.limit)
          .offset(input.offset),
        db.select({ n: count() }).from(auditLogs).where(where),
      ]);
      return { items, total: total?.n ?? 0 };
    }),
});
