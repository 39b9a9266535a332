import { STUDY_KIND_LABELS, type StudyRequest } from "@ampflux/contracts";
import { useQuery } from "@tanstack/react-query";
import { formatDate } from "../lib/format.ts";
import { trpc } from "../trpc.ts";
import { EmptyState } from "../ui/EmptyState.tsx";
import { ErrorMessage } from "../ui/ErrorMessage.tsx";
import { Loading } from "../ui/Loading.tsx";
import { isFinished } from "./status.ts";

/** The kinds' names in running text ("batch study"). */
const kindLabel = (kind: StudyRequest["kind"]) => STUDY_KIND_LABELS[kind].toLowerCase();

export function SimulationList({
  projectId,
  openId,
  onOpen,
}: {
  projectId: string;
  openId: string | null;
  onOpen(id: string): void;
}) {
  const list = useQuery({
    ...trpc.simulations.list.queryOptions({ projectId, limit: 50 }),
    // Studies started elsewhere (or finishing unwatched) show up without a reload.
    refetchInterval: (query) => (query.state.data?.some((s) => !isFinished(s.status)) ? 2_000 : false),
  });
  if (list.isPending) return <Loading />;
  if (list.isError) return <ErrorMessage error={list.error} />;
  if (list.data.length === 0) return <EmptyState title="No studies yet">Queue one with the form.</EmptyState>;
  return (
    <table className="simulation-list" data-testid="simulation-list">
      <thead>
        <tr>
          <th>Started</th>
          <th>Kind</th>
          <th>Version</th>
          <th>Status</th>
          <th aria-label="Open" />
        </tr>
      </thead>
      <tbody>
        {list.data.map((s) => (
          <tr key={s.id} className={s.id === openId ? "selected" : undefined}>
            <td>{formatDate(s.createdAt)}</td>
            <td>{kindLabel(s.kind)}</td>
            <td>v{s.version}</td>
            <td>
              <span className={`status status-${s.status}`}>{s.status}</span>
            </td>
            <td>
              <button type="button" className="small" onClick={() => onOpen(s.id)}>
                Open
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
