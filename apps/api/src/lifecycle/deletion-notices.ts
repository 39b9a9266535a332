// Tells every active user of a company that its deletion was scheduled or cancelled: a
// notification in the app and, when the deployment sends email, an email (the send_email job,
// retried with backoff). Runs in the transaction of the request, so no notice exists without it.

import { createNotification, type Executor, enqueueEmail, users } from "@ampflux/db";
import { and, eq } from "drizzle-orm";

export type DeletionNotice =
  | { kind: "company_deletion_scheduled"; company: string; by: string; scheduledFor: Date }
  | { kind: "company_deletion_cancelled"; company: string; by: string };

const utc = (at: Date) => `${at.toISOString().slice(0, 16).replace("T", " ")} UTC`;

function noticeText(notice: DeletionNotice): { title: string; body: string } {
  if (notice.kind === "company_deletion_scheduled")
    return {
      title: `${notice.company} will be deleted`,
      body:
        `${notice.by} asked to delete the company and all its data (projects, versions, studies, ` +
        `reports, accounts) on ${utc(notice.scheduledFor)}. Until then you can log in and export ` +
        "your data (Account → Export my data); a company admin can cancel the deletion.",
    };
  return {
    title: `The deletion of ${notice.company} was cancelled`,
    body: `${notice.by} cancelled the deletion: the company and its data stay.`,
  };
}

export async function noticeCompanyUsers(
  tx: Executor,
  companyId: string,
  notice: DeletionNotice,
  email: boolean,
): Promise<number> {
  const recipients = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.companyId, companyId), eq(users.active, true)));
  const text = noticeText(notice);
  for (const recipient of recipients) {
    const notification = await createNotification(tx, {
      userId: recipient.id,
      companyId,
      kind: notice.kind,
      ...text,
    });
    if (email) await enqueueEmail(tx, notification.id);
  }
  return recipients.length;
}
