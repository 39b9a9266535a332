import { pageInputSchema } from "@ampflux/contracts";
import { z } from "zod";
import { markRead, newestFirst, unreadCount } from "../notifications/inbox.ts";
import { liveNotifications } from "../notifications/live.ts";
import { router } from "../trpc/init.ts";
import { protectedProcedure } from "../trpc/procedures.ts";

const notificationId = z.number().int().positive();
/** A notification id as SSE carries it (tracked events): decimal digits. */
const eventId = z
  .string()
  .regex(/^\d{1,15}$/)
  .transform(Number);

/** The caller's own notifications (studies they queued that finished or failed); nobody else's. */
export const notificationsRouter = router({
  /** A page of notifications, newest first, with how many are unread in all. */
  list: protectedProcedure.input(pageInputSchema).query(async ({ ctx, input }) => {
    const db = ctx.deps.database.db;
    const [items, unread] = await Promise.all([newestFirst(db, ctx.user, input), unreadCount(db, ctx.user)]);
    return { items, unread };
  }),

  /** Marks notifications read, by id or all of them; ids that are not the caller's change nothing. */
  markRead: protectedProcedure
    .input(
      z.union([
        z.object({ ids: z.array(notificationId).min(1).max(500) }),
        z.object({ all: z.literal(true) }),
      ]),
    )
    .mutation(async ({ ctx, input }) => {
      const db = ctx.deps.database.db;
      const marked = await markRead(db, ctx.user, input);
      return { marked, unread: await unreadCount(db, ctx.user) };
    }),

  /**
   * New notifications over SSE as they are created, each with the unread count. `lastEventId`:
   * the newest one the client has (from `list`, or set by the client when it reconnects).
   */
  live: protectedProcedure
    .input(z.object({ lastEventId: eventId.nullish() }).optional())
    .subscription(async function* ({ ctx, input, signal }) {
      const { database, notifications } = ctx.deps;
      yield* liveNotifications(notifications, database.db, ctx.user, input?.lastEventId ?? undefined, signal);
    }),
});
