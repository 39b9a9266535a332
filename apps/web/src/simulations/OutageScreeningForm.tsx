import {
  FAULT_TYPES,
  type FaultType,
  OUTAGE_KINDS,
  type OutageKind,
  STUDY_CASES,
  type StudyCase,
} from "@ampflux/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { FAULT_LABELS } from "../results/StudyControls.tsx";
import { trpc } from "../trpc.ts";
import { ErrorMessage } from "../ui/ErrorMessage.tsx";

const KIND_NAMES: Record<OutageKind, string> = {
  line: "lines",
  transformer: "transformers",
  impedance: "impedances",
  transformer3w: "three-winding transformers",
};

/**
 * N-1 screening of I''k: every in-service branch of the chosen kinds out in turn, every bus,
 * by exact rank-1 updates (docs/short-circuit.md, "N-1 screening"); run by the worker.
 */
export function OutageScreeningForm({
  projectId,
  version,
  disabled,
  onQueued,
}: {
  projectId: string;
  version: number;
  disabled: boolean;
  onQueued(simulationId: string): void;
}) {
  const queryClient = useQueryClient();
  const [fault, setFault] = useState<FaultType>("3ph");
  const [studyCase, setStudyCase] = useState<StudyCase>("max");
  const [kinds, setKinds] = useState<OutageKind[]>([...OUTAGE_KINDS]);
  const run = useMutation(
    trpc.simulations.run.mutationOptions({
      onSuccess: async (started) => {
        await queryClient.invalidateQueries({ queryKey: trpc.simulations.list.pathKey() });
        onQueued(started.id);
      },
    }),
  );
  return (
    <form
      className="stack"
      aria-label="N-1 screening"
      onSubmit={(e) => {
        e.preventDefault();
        run.mutate({
          projectId,
          version,
          study: { kind: "outage_screening", options: { fault, case: studyCase, outages: "all", kinds } },
        });
      }}
    >
      <p className="muted">
        Every branch out in turn, every bus: per bus the worst I''k and the outage that causes it, on saved
        version {version}.
      </p>
      <div className="row">
        <label>
          Fault{" "}
          <select value={fault} onChange={(e) => setFault(e.target.value as FaultType)}>
            {FAULT_TYPES.map((f) => (
              <option key={f} value={f}>
                {FAULT_LABELS[f]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Case{" "}
          <select value={studyCase} onChange={(e) => setStudyCase(e.target.value as StudyCase)}>
            {STUDY_CASES.map((c) => (
              <option key={c} value={c}>
                {c === "max" ? "maximum: highest I''k (duty)" : "minimum: lowest I''k (protection)"}
              </option>
            ))}
          </select>
        </label>
      </div>
      <fieldset>
        <legend>Outages of</legend>
        {OUTAGE_KINDS.map((k) => (
          <label key={k} className="inline">
            <input
              type="checkbox"
              checked={kinds.includes(k)}
              onChange={(e) => setKinds(e.target.checked ? [...kinds, k] : kinds.filter((x) => x !== k))}
            />
            {KIND_NAMES[k]}
          </label>
        ))}
      </fieldset>
      <ErrorMessage error={run.error} />
      <button type="submit" disabled={disabled || run.isPending || kinds.length === 0}>
        {run.isPending ? "Queueing…" : "Run N-1 screening"}
      </button>
    </form>
  );
}
