import {
  type FaultStudyOptions,
  isBatchStudyResult,
  isLoadFlowResult,
  isOutageScreeningResult,
  isShortCircuitResult,
  type ShortCircuitOptions,
  STUDY_KIND_LABELS,
} from "@ampflux/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { formatDate } from "../lib/format.ts";
import { GenerateReportForm } from "../reports/GenerateReportForm.tsx";
import { ResultsTable } from "../results/ResultsTable.tsx";
import { trpc } from "../trpc.ts";
import { ErrorMessage } from "../ui/ErrorMessage.tsx";
import { Loading } from "../ui/Loading.tsx";
import { LiveProgress } from "./LiveProgress.tsx";
import { LoadFlowWorstTables } from "./LoadFlowWorstTables.tsx";
import { OutageScreeningTable } from "./OutageScreeningTable.tsx";
import { ProgressBar } from "./ProgressBar.tsx";
import { StoredArcFlash } from "./StoredArcFlash.tsx";
import { StoredDuty } from "./StoredDuty.tsx";
import { StoredExplainDialog } from "./StoredExplainDialog.tsx";
import { StoredLoadFlow } from "./StoredLoadFlow.tsx";
import { isFinished } from "./status.ts";
import { WorstCasesTable } from "./WorstCasesTable.tsx";

const KIND_TITLES = STUDY_KIND_LABELS;

/** One study: live progress while it runs, then its results (worst cases of a batch, duty, arc flash, load flow). */
export function SimulationDetail({
  projectId,
  simulationId,
  canEdit = true,
}: {
  projectId: string;
  simulationId: string;
  canEdit?: boolean;
}) {
  const queryClient = useQueryClient();
  const sim = useQuery(trpc.simulations.get.queryOptions({ projectId, simulationId }));
  const [explained, setExplained] = useState<string | null>(null);
  const cancel = useMutation(
    trpc.simulations.cancel.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.simulations.pathKey() }),
    }),
  );
  if (sim.isPending) return <Loading label="Loading the study…" />;
  if (sim.isError) return <ErrorMessage error={sim.error} />;
  const s = sim.data;
  const running = !isFinished(s.status);
  return (
    <section className="card stack" aria-labelledby="sim-title" data-testid="simulation-detail">
      <h2 id="sim-title">
        {KIND_TITLES[s.kind]} <span className="muted small">started {formatDate(s.createdAt)}</span>
      </h2>
      {running ? (
        <>
          <LiveProgress projectId={projectId} simulationId={simulationId} />
          <button
            type="button"
            className="small danger"
            onClick={() => cancel.mutate({ projectId, simulationId })}
          >
            Cancel
          </button>
          <ErrorMessage error={cancel.error} />
        </>
      ) : (
        <ProgressBar value={s.progress} label={s.progressMessage ?? ""} status={s.status} />
      )}
      {s.status === "failed" && (
        <p className="alert" role="alert">
          The study failed: {s.error?.message ?? "unknown error"}
        </p>
      )}
      {s.status === "succeeded" && (s.kind === "short_circuit" || s.kind === "batch_study") && (
        <details className="generate-report">
          <summary>Report of this study…</summary>
          <GenerateReportForm projectId={projectId} study={s.id} disabled={!canEdit} />
        </details>
      )}
      {s.status === "succeeded" &&
        s.result != null &&
        (isLoadFlowResult(s.result) ? (
          <StoredLoadFlow projectId={projectId} simulationId={s.id} />
        ) : isBatchStudyResult(s.result) ? (
          <WorstCasesTable result={s.result} />
        ) : isOutageScreeningResult(s.result) ? (
          <OutageScreeningTable result={s.result} projectId={projectId} simulationId={s.id} />
        ) : (
          <>
            <ResultsTable
              buses={s.result.buses}
              // This branch is a single short-circuit study's result: its options name one fault and case.
              fault={"fault" in s.options ? s.options.fault : "3ph"}
              studyCase={"case" in s.options ? s.options.case : "max"}
              selected={[]}
              onSelect={() => {}}
              onExplain={s.kind === "short_circuit" ? setExplained : undefined}
            />
            <StoredExplainDialog
              projectId={projectId}
              simulationId={s.id}
              bus={explained}
              onClose={() => setExplained(null)}
            />
          </>
        ))}
      {s.status === "succeeded" && s.result && isBatchStudyResult(s.result) && s.result.load_flow && (
        <LoadFlowWorstTables worst={s.result.load_flow} simulationId={s.id} />
      )}
      {s.status === "succeeded" &&
        s.result &&
        !isLoadFlowResult(s.result) &&
        !isOutageScreeningResult(s.result) &&
        s.result.duty && (
          <StoredDuty
            checks={s.result.duty}
            simulationId={s.id}
            kind={s.kind}
            // A result with duty checks is a short-circuit or batch study's: so are its options.
            options={s.options as FaultStudyOptions}
          />
        )}
      {s.status === "succeeded" && s.result && isShortCircuitResult(s.result) && s.result.arc_flash && (
        <StoredArcFlash
          results={s.result.arc_flash}
          simulationId={s.id}
          options={s.options as ShortCircuitOptions}
          finishedAt={s.finishedAt}
        />
      )}
    </section>
  );
}
