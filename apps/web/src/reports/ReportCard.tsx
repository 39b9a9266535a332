import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ReportSummary } from "../lib/api-types.ts";
import { formatDate } from "../lib/format.ts";
import { ProgressBar } from "../simulations/ProgressBar.tsx";
import { trpc } from "../trpc.ts";
import { ErrorMessage } from "../ui/ErrorMessage.tsx";
import { ApprovalBlock } from "./ApprovalBlock.tsx";
import { ReportDocuments } from "./ReportDocuments.tsx";
import { ReportProgress } from "./ReportProgress.tsx";
import { errorText, formatSize, isReportFinished } from "./report-view.ts";

/** One report: its study and version, who made it, live progress, documents and signatures. */
export function ReportCard({
  projectId,
  report,
  studyLabel,
  creator,
  canEdit,
}: {
  projectId: string;
  report: ReportSummary;
  studyLabel: string;
  creator: string;
  canEdit: boolean;
}) {
  const queryClient = useQueryClient();
  const remove = useMutation(
    trpc.reports.delete.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.reports.list.pathKey() }),
    }),
  );
  const generated = report.size !== null;
  return (
    <article
      className="card stack report"
      data-testid="report"
      data-report-id={report.id}
      data-status={report.status}
      data-outdated={report.outdated}
    >
      <header className="row">
        <h3>
          {studyLabel} <span className="muted small">network v{report.version}</span>
        </h3>
        {report.outdated && (
          <span
            className="badge warning"
            data-testid="outdated"
            title={`The network is at version ${report.currentVersion ?? "?"} now, or the study changed: generate a new report.`}
          >
            outdated
          </span>
        )}
        {report.immutable && <span className="badge">immutable</span>}
      </header>
      <p className="small muted">
        Created by {creator} on {formatDate(report.createdAt)} · {report.options.paper}
        {report.options.include_branches ? " · with branch results" : ""} · size{" "}
        <span data-testid="report-size">{formatSize(report.size)}</span>
        {report.finishedAt && <> · finished {formatDate(report.finishedAt)}</>}
      </p>
      <p className="small muted">
        Content hash (printed in the report's footer):{" "}
        <code data-testid="content-hash">{report.contentHash}</code>
      </p>
      {isReportFinished(report.status) ? (
        <ProgressBar value={report.progress} label={report.progressMessage ?? ""} status={report.status} />
      ) : (
        <ReportProgress projectId={projectId} reportId={report.id} />
      )}
      {report.status === "failed" && (
        <p className="alert" role="alert">
          The report failed: {errorText(report.error)}
        </p>
      )}
      {generated && <ReportDocuments projectId={projectId} reportId={report.id} />}
      <ApprovalBlock projectId={projectId} reportId={report.id} report={report} canEdit={canEdit} />
      {canEdit && !report.immutable && (
        <div className="row">
          <button
            type="button"
            className="small danger"
            disabled={remove.isPending}
            onClick={() => remove.mutate({ projectId, reportId: report.id })}
          >
            Delete report
          </button>
          <ErrorMessage error={remove.error} />
        </div>
      )}
    </article>
  );
}
