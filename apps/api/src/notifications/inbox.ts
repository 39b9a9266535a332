// A user's notifications as the api reads and marks them. Every query is scoped to the caller
// (user and company), so another user's notification ids match nothing.

import { type Executor, notifications } from "@ampflux/db";
import { and, asc, desc, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import type { SessionUser } from "../auth/sessions.ts";

export type Owner = Pick<SessionUser, "id" | "companyId">;

/** What clients see of a notification: not whose it is, nor whether it was emailed. */
const columns = {
  id: notifications.id,
  kind: notifications.kind,
  title: notifications.title,
  body: notifications.body,
  projectId: notifications.projectId,
  simulationId: notifications.simulationId,
  readAt: notifications.readAt,
  createdAt: notifications.createdAt,
};

const ownedBy = (owner: Owner) =>
  and(eq(notifications.userId, owner.id), eq(notifications.companyId, owner.companyId));

export async function unreadCount(db: Executor, owner: Owner): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(ownedBy(owner), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** A page of the owner's notifications, newest first. */
export function newestFirst(db: Executor, owner: Owner, page: { limit: number; offset: number }) {
  return db
    .select(columns)
    .from(notifications)
    .where(ownedBy(owner))
    .orderBy(desc(notifications.id))
    .limit(page.limit)
    .offset(page.offset);
}

/** The owner's notifications after `afterId`, oldest first: what a live subscription has yet to send. */
export function createdAfter(db: Executor, owner: Owner, afterId: number, limit: number) {
  return db
    .select(columns)
    .from(notifications)
    .where(and(ownedBy(owner), gt(notifications.id, afterId)))
    .orderBy(asc(notifications.id))
    .limit(limit);
}

/** The id of the owner's newest notification, 0 when there is none. */
export async function newestId(db: Executor, owner: Owner): Promise<number> {
  const [row] = await db
    .select({ id: sql<number>`coalesce(max(${notifications.id}), 0)`.mapWith(Number) })
    .from(notifications)
    .where(ownedBy(owner));
  return row?.id ?? 0;
}

/** Marks the given notifications (or all) read; returns how many were unread until now. */
export async function markRead(db: Executor, owner: Owner, which: { ids: number[] } | { all: true }) {
  const marked = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(
      and(
        ownedBy(owner),
        isNull(notifications.readAt),
        "ids" in which ? inArray(notifications.id, which.ids) : undefined,
      ),
    )
    .returning({ id: notifications.id });
  return marked.length;
}
