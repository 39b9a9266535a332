import { REPORT_PAPERS, type ReportPaper } from "@ampflux/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { trpc } from "../trpc.ts";
import { ErrorMessage } from "../ui/ErrorMessage.tsx";

export interface StudyChoice {
  id: string;
  label: string;
}

/**
 * Queues a report of a finished study (reports.create): paper and per-branch results. On a
 * study's own page (`study`) there is no study select.
 */
export function GenerateReportForm({
  projectId,
  studies = [],
  study,
  disabled,
  onQueued,
}: {
  projectId: string;
  studies?: readonly StudyChoice[];
  study?: string;
  disabled?: boolean;
  onQueued?(reportId: string): void;
}) {
  const queryClient = useQueryClient();
  const [chosen, setChosen] = useState("");
  const [paper, setPaper] = useState<ReportPaper>("A4");
  const [branches, setBranches] = useState(false);
  const simulationId = study ?? chosen;
  const create = useMutation(
    trpc.reports.create.mutationOptions({
      onSuccess: (report) => {
        void queryClient.invalidateQueries({ queryKey: trpc.reports.list.pathKey() });
        onQueued?.(report.id);
      },
    }),
  );
  return (
    <form
      className="stack"
      data-testid="generate-report"
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate({ projectId, simulationId, options: { paper, include_branches: branches } });
      }}
    >
      <div className="row">
        {study === undefined && (
          <div className="field">
            <label htmlFor="report-study">Study</label>
            <select id="report-study" required value={chosen} onChange={(e) => setChosen(e.target.value)}>
              <option value="">Choose a finished study…</option>
              {studies.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.label}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor="report-paper">Paper</label>
          <select id="report-paper" value={paper} onChange={(e) => setPaper(e.target.value as ReportPaper)}>
            {REPORT_PAPERS.map((p) => (
              <option key={p}>{p}</option>
            ))}
          </select>
        </div>
        <label className="checkbox align-end">
          <input type="checkbox" checked={branches} onChange={(e) => setBranches(e.target.checked)} />
          Include branch results
        </label>
        <button type="submit" className="align-end" disabled={disabled || create.isPending || !simulationId}>
          Generate report
        </button>
      </div>
      <p className="muted small">Branch results appear only when the study computed them.</p>
      <ErrorMessage error={create.error} />
      {create.isSuccess && (
        <p className="small" role="status">
          Report queued: follow it on the Reports page.
        </p>
      )}
    </form>
  );
}
