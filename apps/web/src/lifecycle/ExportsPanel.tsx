import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { formatDate } from "../lib/format.ts";
import { formatSize, isReportFinished } from "../reports/report-view.ts";
import { ProgressBar } from "../simulations/ProgressBar.tsx";
import { trpc } from "../trpc.ts";
import { ErrorMessage } from "../ui/ErrorMessage.tsx";
import { Loading } from "../ui/Loading.tsx";

const TEXT = {
  user: {
    title: "Your data",
    intro:
      "A zip of your profile, your audit rows, your API keys (names only, never the keys), your assistant conversations and the projects you created or own, with every saved version.",
    button: "Export my data",
  },
  company: {
    title: "Company export",
    intro:
      "A zip of the whole company: users, audit log, and every project with every version (as stored, and as MATPOWER and pandapower files), its studies (JSON and CSV) and report PDFs.",
    button: "Export company",
  },
} as const;

/**
 * Requests an export of one kind and lists those made, with the worker's progress while one is
 * built and a download link (GET /exports/:id, served by the api) until the link expires.
 */
export function ExportsPanel({ kind }: { kind: "user" | "company" }) {
  const text = TEXT[kind];
  const queryClient = useQueryClient();
  const list = useQuery({
    ...trpc.exports.list.queryOptions(),
    refetchInterval: (query) => (query.state.data?.some((e) => !isReportFinished(e.status)) ? 1_000 : false),
  });
  const onSuccess = () => queryClient.invalidateQueries({ queryKey: trpc.exports.list.queryKey() });
  const mine = useMutation(trpc.exports.requestMine.mutationOptions({ onSuccess }));
  const company = useMutation(trpc.exports.requestCompany.mutationOptions({ onSuccess }));
  const request = kind === "user" ? mine : company;
  const exports = list.data?.filter((e) => e.kind === kind) ?? [];
  return (
    <section className="card stack" aria-labelledby={`exports-${kind}`} data-testid={`exports-${kind}`}>
      <h2 id={`exports-${kind}`}>{text.title}</h2>
      <p className="muted small">{text.intro} Links work for 7 days.</p>
      <ErrorMessage error={request.error ?? list.error} />
      <div>
        <button type="button" disabled={request.isPending} onClick={() => request.mutate()}>
          {text.button}
        </button>
      </div>
      {list.isPending ? (
        <Loading />
      ) : exports.length === 0 ? (
        <p className="muted small">No exports yet.</p>
      ) : (
        <ul className="stack plain-list">
          {exports.map((e) => (
            <li key={e.id} data-testid="export" data-status={e.status}>
              <span className="small">Requested {formatDate(e.createdAt)}</span>{" "}
              {e.status === "done" ? (
                e.downloadable ? (
                  <>
                    <a href={e.downloadUrl} download>
                      Download ({formatSize(e.size)})
                    </a>{" "}
                    <span className="muted small">until {formatDate(e.expiresAt)}</span>
                  </>
                ) : (
                  <span className="muted small">link expired</span>
                )
              ) : e.status === "failed" ? (
                <span className="alert">failed: {e.error?.message}</span>
              ) : (
                <ProgressBar value={e.progress} label={e.progressMessage ?? ""} status={e.status} />
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
