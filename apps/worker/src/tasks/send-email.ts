// Emails one notification. An SMTP failure throws, so graphile-worker retries the job with its
// backoff (EMAIL_MAX_ATTEMPTS); the study the notification tells of is never touched.

import { notifications, projects, users } from "@ampflux/db";
import { eq } from "drizzle-orm";
import type { Task } from "graphile-worker";
import { z } from "zod";
import { notificationEmail } from "../email/message.ts";
import type { TaskDeps } from "./study.ts";

const payloadSchema = z.object({ notificationId: z.number().int().positive() });

export const sendEmailTask =
  (deps: TaskDeps): Task =>
  async (payload, helpers) => {
    const { notificationId } = payloadSchema.parse(payload);
    if (!deps.mailer) {
      helpers.logger.warn(`email is off (EMAIL_ENABLED): notification ${notificationId} not emailed`);
      return;
    }
    const [row] = await deps.db
      .select({ notification: notifications, recipient: users, project: projects.name })
      .from(notifications)
      .innerJoin(users, eq(users.id, notifications.userId))
      .leftJoin(projects, eq(projects.id, notifications.projectId))
      .where(eq(notifications.id, notificationId));
    // Gone with its user or project, already sent by an earlier run, or the account is disabled.
    if (!row || row.notification.emailedAt || !row.recipient.active) return;
    await deps.mailer.send(
      notificationEmail(row.notification, row.recipient, row.project, deps.mailer.appUrl),
    );
    await deps.db
      .update(notifications)
      .set({ emailedAt: new Date() })
      .where(eq(notifications.id, notificationId));
  };
