// Emails one notification or one account message (password reset, verification, email change).
// An SMTP failure throws, so graphile-worker retries the job with its backoff (EMAIL_MAX_ATTEMPTS);
// the study the notification tells of is never touched.

import { accountEmailSchema } from "@ampflux/contracts";
import { notifications, projects, users } from "@ampflux/db";
import { eq } from "drizzle-orm";
import type { JobHelpers, Task } from "graphile-worker";
import { z } from "zod";
import { accountEmailMessage } from "../email/account-message.ts";
import type { Mailer } from "../email/mailer.ts";
import { notificationEmail } from "../email/message.ts";
import type { TaskDeps } from "./study.ts";

const payloadSchema = z.union([
  z.object({ notificationId: z.number().int().positive() }),
  z.object({ account: accountEmailSchema }),
]);

async function sendNotification(deps: TaskDeps, mailer: Mailer, notificationId: number): Promise<void> {
  const [row] = await deps.db
    .select({ notification: notifications, recipient: users, project: projects.name })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.userId))
    .leftJoin(projects, eq(projects.id, notifications.projectId))
    .where(eq(notifications.id, notificationId));
  // Gone with its user or project, already sent by an earlier run, or the account is disabled.
  if (!row || row.notification.emailedAt || !row.recipient.active) return;
  await mailer.send(notificationEmail(row.notification, row.recipient, row.project, mailer.appUrl));
  await deps.db
    .update(notifications)
    .set({ emailedAt: new Date() })
    .where(eq(notifications.id, notificationId));
}

function jobLabel(payload: z.infer<typeof payloadSchema>): string {
  return "account" in payload ? `${payload.account.kind} email` : `notification ${payload.notificationId}`;
}

export const sendEmailTask =
  (deps: TaskDeps): Task =>
  async (raw, helpers: JobHelpers) => {
    const payload = payloadSchema.parse(raw);
    if (!deps.mailer) {
      helpers.logger.warn(`email is off (EMAIL_ENABLED): ${jobLabel(payload)} not emailed`);
      return;
    }
    if ("account" in payload)
      await deps.mailer.send(accountEmailMessage(payload.account, deps.mailer.appUrl));
    else await sendNotification(deps, deps.mailer, payload.notificationId);
  };
