import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { formatDate } from "../lib/format.ts";
import { trpc } from "../trpc.ts";
import { EmptyState } from "../ui/EmptyState.tsx";
import { ErrorMessage } from "../ui/ErrorMessage.tsx";
import { Loading } from "../ui/Loading.tsx";
import { Pagination } from "../ui/Pagination.tsx";
import { AuditFilters, type AuditFilterValues } from "./AuditFilters.tsx";

const PAGE_SIZE = 20;

/** The company's audit trail, newest first. */
export function AuditLogPanel() {
  const [filters, setFilters] = useState<AuditFilterValues>({ action: "", userId: "", from: "", to: "" });
  const [offset, setOffset] = useState(0);
  const log = useQuery({
    ...trpc.audit.list.queryOptions({
      limit: PAGE_SIZE,
      offset,
      ...(filters.action ? { action: filters.action } : {}),
      ...(filters.userId ? { userId: filters.userId } : {}),
      ...(filters.from ? { from: new Date(filters.from) } : {}),
      ...(filters.to ? { to: new Date(new Date(filters.to).getTime() + 86_400_000) } : {}),
    }),
    placeholderData: (previous) => previous,
  });
  return (
    <section className="card stack" aria-labelledby="audit-title">
      <h2 id="audit-title">Audit log</h2>
      <AuditFilters
        value={filters}
        onChange={(next) => {
          setFilters(next);
          setOffset(0);
        }}
      />
      {log.isPending ? (
        <Loading />
      ) : log.isError ? (
        <ErrorMessage error={log.error} />
      ) : log.data.items.length === 0 ? (
        <EmptyState title="No entries match these filters" />
      ) : (
        <>
          <table className="audit-table">
            <thead>
              <tr>
                <th>When</th>
                <th>Who</th>
                <th>Action</th>
                <th>Target</th>
                <th>Details</th>
                <th>IP</th>
              </tr>
            </thead>
            <tbody>
              {log.data.items.map((entry) => (
                <tr key={entry.id}>
                  <td>{formatDate(entry.createdAt)}</td>
                  <td>{entry.userEmail ?? "–"}</td>
                  <td>
                    <code>{entry.action}</code>
                  </td>
                  <td>{entry.targetType ?? ""}</td>
                  <td className="detail">{entry.details ? JSON.stringify(entry.details) : ""}</td>
                  <td>{entry.ip ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pagination offset={offset} limit={PAGE_SIZE} total={log.data.total} onChange={setOffset} />
        </>
      )}
    </section>
  );
}
