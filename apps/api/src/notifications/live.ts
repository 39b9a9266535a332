// A user's live notification feed over SSE (wake-hub.ts): every notification created after a
// given id, each with the user's unread count.

import type { Executor } from "@ampflux/db";
import { liveFeed } from "../wake-hub.ts";
import type { NotificationHub } from "./hub.ts";
import { createdAfter, newestId, type Owner, unreadCount } from "./inbox.ts";

export function liveNotifications(
  hub: NotificationHub,
  db: Executor,
  owner: Owner,
  afterId: number | undefined,
  signal: AbortSignal | undefined,
) {
  return liveFeed({
    hub,
    key: owner.id,
    after: afterId,
    newest: () => newestId(db, owner),
    rowsAfter: (id, limit) => createdAfter(db, owner, id, limit),
    idOf: (notification) => notification.id,
    events: async (rows) => {
      const unread = await unreadCount(db, owner);
      return rows.map((notification) => ({ notification, unread }));
    },
    signal,
  });
}
