import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useState } from "react";
import { Link } from "react-router";
import { formatDate } from "../lib/format.ts";
import { trpc } from "../trpc.ts";
import { ErrorMessage } from "../ui/ErrorMessage.tsx";

const PAGE = { limit: 10, offset: 0 };

/**
 * The bell in the navigation bar: unread count, the latest notifications (a study the user queued
 * finished or failed), delivered live by the notifications subscription.
 */
export function NotificationsMenu() {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const list = useQuery(trpc.notifications.list.queryOptions(PAGE));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.notifications.list.pathKey() });
  useSubscription(trpc.notifications.live.subscriptionOptions(undefined, { onData: () => void refresh() }));
  const markAll = useMutation(trpc.notifications.markRead.mutationOptions({ onSuccess: refresh }));
  const unread = list.data?.unread ?? 0;
  return (
    <div className="notifications">
      <button
        type="button"
        className="bell"
        aria-expanded={open}
        aria-label={unread > 0 ? `Notifications, ${unread} unread` : "Notifications"}
        onClick={() => setOpen(!open)}
      >
        {/* Drawn, not an emoji: machines without an emoji font show a box instead. */}
        <svg
          width="18"
          height="18"
          viewBox="0 0 24 24"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
          aria-hidden="true"
        >
          <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
          <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
        </svg>
        {unread > 0 && <span className="badge">{unread}</span>}
      </button>
      {open && (
        <section className="notifications-panel card stack" aria-label="Notifications">
          <ErrorMessage error={list.error ?? markAll.error} />
          {list.data?.items.length === 0 && <p className="muted">Nothing yet: finished studies show here.</p>}
          <ul>
            {list.data?.items.map((n) => (
              <li key={n.id} className={n.readAt ? undefined : "unread"}>
                <strong>{n.title}</strong>
                <span>{n.body}</span>
                <span className="muted">{formatDate(n.createdAt)}</span>
                {n.projectId ? (
                  <Link to={`/projects/${n.projectId}/simulations`} onClick={() => setOpen(false)}>
                    Open the study
                  </Link>
                ) : (
                  n.kind.startsWith("export_") && (
                    <Link to="/account" onClick={() => setOpen(false)}>
                      Your exports
                    </Link>
                  )
                )}
              </li>
            ))}
          </ul>
          {unread > 0 && (
            <button type="button" onClick={() => markAll.mutate({ all: true })} disabled={markAll.isPending}>
              Mark all read
            </button>
          )}
        </section>
      )}
    </div>
  );
}
