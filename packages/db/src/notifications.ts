// Notifications as the worker writes them (a queued study reached its end) and the api reads
// them: stored, announced on a NOTIFY channel for live subscriptions, and optionally emailed by
// a job of its own, all in the caller's transaction so none exists without the others.

import { type FeatureDefaults, STUDY_KIND_LABELS } from "@ampflux/contracts";
import { eq, sql } from "drizzle-orm";
import type { Executor } from "./client.ts";
import { featureEnabled } from "./features.ts";
import { notifications } from "./schema/notifications.ts";
import { circuitVersions, projects } from "./schema/projects.ts";
import type { Simulation } from "./simulations.ts";

export type Notification = typeof notifications.$inferSelect;
export type NewNotification = typeof notifications.$inferInsert;

/** Postgres NOTIFY channel of new notifications; any api instance LISTENs and relays to clients. */
export const NOTIFICATION_CHANNEL = "notification_created";

/** The NOTIFY payload: who has a new notification. Clients read the row itself, so it is never trusted. */
export interface NotificationCreatedEvent {
  userId: string;
  id: number;
}

/** The worker task that emails a notification; graphile-worker retries it with backoff. */
export const EMAIL_TASK = "send_email";
/** With graphile-worker's exp(attempts) s backoff, 10 attempts keep trying for about 3½ hours. */
export const EMAIL_MAX_ATTEMPTS = 10;

/** Stores a notification and announces it (delivered at commit, when in a transaction). */
export async function createNotification(db: Executor, values: NewNotification): Promise<Notification> {
  const [row] = await db.insert(notifications).values(values).returning();
  if (!row) throw new Error("notification insert returned nothing");
  const event: NotificationCreatedEvent = { userId: row.userId, id: row.id };
  await db.execute(sql`select pg_notify(${NOTIFICATION_CHANNEL}, ${JSON.stringify(event)})`);
  return row;
}

/** Queues the email of a notification; the job runs only once the caller's transaction commits. */
export async function enqueueEmail(db: Executor, notificationId: number): Promise<void> {
  await db.execute(sql`
    select graphile_worker.add_job(
      ${EMAIL_TASK},
      json_build_object('notificationId', ${notificationId}::bigint),
      max_attempts := ${EMAIL_MAX_ATTEMPTS}
    )`);
}

const STUDY_LABELS: Record<Simulation["kind"], string> = STUDY_KIND_LABELS;

export type StudyOutcome = { status: "succeeded" } | { status: "failed"; message: string };

/**
 * Tells the user who queued a study how it ended (nothing when that user is gone), and emails
 * it when `email` is on. Call it in the transaction that stores the outcome.
 */
export async function notifyStudyOutcome(
  tx: Executor,
  simulation: Pick<Simulation, "id" | "kind" | "projectId" | "circuitVersionId" | "createdBy">,
  outcome: StudyOutcome,
  /** `email`: the deployment sends email; the company's email_notifications flag decides too. */
  delivery: { email: boolean; features: FeatureDefaults },
): Promise<Notification | undefined> {
  if (!simulation.createdBy) return undefined;
  const [study] = await tx
    .select({ project: projects.name, companyId: projects.companyId, version: circuitVersions.version })
    .from(circuitVersions)
    .innerJoin(projects, eq(projects.id, circuitVersions.projectId))
    .where(eq(circuitVersions.id, simulation.circuitVersionId));
  if (!study) return undefined;
  const where = `${study.project}, version ${study.version}`;
  const notification = await createNotification(tx, {
    userId: simulation.createdBy,
    companyId: study.companyId,
    kind: outcome.status === "succeeded" ? "study_succeeded" : "study_failed",
    title: `${STUDY_LABELS[simulation.kind]} ${outcome.status}`,
    body:
      outcome.status === "succeeded" ? `${where}: the results are ready.` : `${where}: ${outcome.message}`,
    projectId: simulation.projectId,
    simulationId: simulation.id,
  });
  if (delivery.email && (await featureEnabled(tx, study.companyId, delivery.features, "email_notifications")))
    await enqueueEmail(tx, notification.id);
  return notification;
}
