// Live notifications: the hub for the channel the worker NOTIFYs when it stores a notification,
// keyed by the user it is for.

import { type DbClient, NOTIFICATION_CHANNEL } from "@ampflux/db";
import type { Logger } from "../logger.ts";
import { payloadField, WakeHub } from "../wake-hub.ts";

export class NotificationHub extends WakeHub {
  constructor(database: DbClient, log: Logger) {
    super(database, log, {
      channel: NOTIFICATION_CHANNEL,
      label: "notification",
      keyOf: (payload) => payloadField(payload, "userId"),
    });
  }
}
