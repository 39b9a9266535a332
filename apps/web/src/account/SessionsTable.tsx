import type { inferOutput } from "@trpc/tanstack-react-query";
import { formatDate } from "../lib/format.ts";
import { describeUserAgent } from "../lib/user-agent.ts";
import type { trpc } from "../trpc.ts";
import { EmptyState } from "../ui/EmptyState.tsx";

export type SessionRow = inferOutput<typeof trpc.account.sessions>[number];

/** Sessions with device, IP and times; `onRevoke` adds a button per row. */
export function SessionsTable({
  sessions,
  onRevoke,
  busy = false,
}: {
  sessions: SessionRow[];
  onRevoke?: (session: SessionRow) => void;
  busy?: boolean;
}) {
  if (sessions.length === 0) return <EmptyState title="No active sessions" />;
  return (
    <table aria-label="Sessions">
      <thead>
        <tr>
          <th>Device</th>
          <th>IP address</th>
          <th>Signed in</th>
          <th>Last used</th>
          {onRevoke && <th aria-label="Actions" />}
        </tr>
      </thead>
      <tbody>
        {sessions.map((session) => (
          <tr key={session.id}>
            <td title={session.userAgent ?? undefined}>
              {describeUserAgent(session.userAgent)}
              {session.current && <span className="muted"> (this browser)</span>}
            </td>
            <td>{session.ip ?? "–"}</td>
            <td>{formatDate(session.createdAt)}</td>
            <td>{formatDate(session.lastUsedAt)}</td>
            {onRevoke && (
              <td>
                <button
                  type="button"
                  className="danger small"
                  disabled={busy}
                  onClick={() => onRevoke(session)}
                >
                  {session.current ? "Log out" : "Revoke"}
                </button>
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
