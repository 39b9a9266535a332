// A user's live notification feed over SSE: every notification created after a given id, as
// soon as the hub says there may be one. Events carry their id (tracked), so a client that
// reconnects resumes where it was, missing nothing and getting nothing twice.

import type { Executor } from "@ampflux/db";
import { TRPCError, tracked } from "@trpc/server";
import { databaseUnavailable, isDatabaseOutage } from "../database-outage.ts";
import type { NotificationHub } from "./hub.ts";
import { createdAfter, newestId, type Owner, unreadCount } from "./inbox.ts";

/** Rows read per query; a longer backlog is sent in several. */
const BATCH = 100;

/**
 * The owner's notifications created after `afterId` (without it, after the newest at the time
 * of subscribing), each with the owner's unread count, until `signal` aborts.
 */
export async function* liveNotifications(
  hub: NotificationHub,
  db: Executor,
  owner: Owner,
  afterId: number | undefined,
  signal: AbortSignal | undefined,
) {
  let pending = true;
  let open = true;
  let wake: (() => void) | undefined;
  const onAbort = () => wake?.();
  signal?.addEventListener("abort", onAbort);
  let unsubscribe: (() => void) | undefined;
  try {
    // Subscribed before the first read, so a notification committed after it always wakes us.
    unsubscribe = await hub.subscribe(owner.id, (stillOpen) => {
      pending = true;
      open &&= stillOpen;
      wake?.();
    });
    let last = afterId ?? (await newestId(db, owner));
    while (!signal?.aborted) {
      if (!open)
        throw new TRPCError({ code: "SERVICE_UNAVAILABLE", message: "the api is shutting down, reconnect" });
      if (!pending) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          if (signal?.aborted) resolve();
        });
        wake = undefined;
        continue;
      }
      pending = false;
      const rows = await createdAfter(db, owner, last, BATCH);
      if (rows.length === BATCH) pending = true;
      if (rows.length === 0) continue;
      const unread = await unreadCount(db, owner);
      for (const notification of rows) {
        last = notification.id;
        yield tracked(String(notification.id), { notification, unread });
      }
    }
  } catch (error) {
    throw isDatabaseOutage(error) ? databaseUnavailable(error) : error;
  } finally {
    unsubscribe?.();
    signal?.removeEventListener("abort", onAbort);
  }
}
