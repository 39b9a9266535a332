import { useQuery } from "@tanstack/react-query";
import { useProject } from "../projects/useProject.ts";
import { isFinished } from "../simulations/status.ts";
import { trpc } from "../trpc.ts";
import { EmptyState } from "../ui/EmptyState.tsx";
import { ErrorMessage } from "../ui/ErrorMessage.tsx";
import { Loading } from "../ui/Loading.tsx";
import { GenerateReportForm } from "./GenerateReportForm.tsx";
import { ReportCard } from "./ReportCard.tsx";
import { creatorName, isReportFinished } from "./report-view.ts";
import { reportableStudies, studyLabel } from "./studies.ts";

/** A project's study reports (docs/reports-lifecycle.md): generate, follow, download, sign. */
export function ReportsPage() {
  const { project, canEdit } = useProject();
  const projectId = project.id;
  const list = useQuery({
    ...trpc.reports.list.queryOptions({ projectId, limit: 50 }),
    // Whether a report is outdated depends on the network's latest version, saved in the editor
    // (or by a colleague): a list cached seconds before a save would still say "current", so the
    // page reads it afresh each time it opens.
    refetchOnMount: "always",
    // Reports queued elsewhere (or re-rendered after a signature) show up without a reload.
    refetchInterval: (query) => (query.state.data?.some((r) => !isReportFinished(r.status)) ? 2_000 : false),
  });
  const studies = useQuery({
    ...trpc.simulations.list.queryOptions({ projectId, limit: 50 }),
    // A list cached on the Simulations page may predate the study's end (its refetch can land
    // after the "succeeded" event invalidated it): read it afresh, and again while any study
    // still runs, so a study that finishes is offered without a reload.
    refetchOnMount: "always",
    refetchInterval: (query) => (query.state.data?.some((s) => !isFinished(s.status)) ? 2_000 : false),
  });
  const members = useQuery(trpc.projects.members.list.queryOptions({ projectId }));
  const labelOf = (simulationId: string) => {
    const study = studies.data?.find((s) => s.id === simulationId);
    return study ? studyLabel(study) : "Study";
  };
  return (
    <main className="page reports-page">
      <section className="card stack" aria-labelledby="generate-title">
        <h2 id="generate-title">Generate a report</h2>
        {studies.isPending ? (
          <Loading />
        ) : studies.isError ? (
          <ErrorMessage error={studies.error} />
        ) : reportableStudies(studies.data).length === 0 ? (
          <EmptyState title="No finished study yet">
            Run a study on the Simulations page; a report is made of a succeeded study.
          </EmptyState>
        ) : (
          <GenerateReportForm
            projectId={projectId}
            studies={reportableStudies(studies.data)}
            disabled={!canEdit}
          />
        )}
      </section>
      <section className="stack" aria-labelledby="reports-title" data-testid="report-list">
        <h2 id="reports-title">Reports</h2>
        {list.isPending ? (
          <Loading />
        ) : list.isError ? (
          <ErrorMessage error={list.error} />
        ) : list.data.length === 0 ? (
          <EmptyState title="No reports yet">Generate one from a finished study.</EmptyState>
        ) : (
          list.data.map((report) => (
            <ReportCard
              key={report.id}
              projectId={projectId}
              report={report}
              studyLabel={labelOf(report.simulationId)}
              creator={creatorName(report.createdBy, members.data)}
              canEdit={canEdit}
            />
          ))
        )}
      </section>
    </main>
  );
}
