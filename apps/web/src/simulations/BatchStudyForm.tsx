import {
  BRANCH_COLLECTIONS,
  DUTY_CURRENTS,
  type DutyCurrent,
  FAULT_TYPES,
  type FaultType,
  loadFlowLimitsSchema,
  STUDY_CASES,
  type StudyCase,
} from "@ampflux/contracts";
import { useState } from "react";
import { FAULT_LABELS } from "../results/StudyControls.tsx";
import { ErrorMessage } from "../ui/ErrorMessage.tsx";
import { useRunStudy } from "./useRunStudy.ts";

interface Props {
  projectId: string;
  version: number;
  document: Record<string, unknown>;
  disabled: boolean;
  onQueued(simulationId: string): void;
}

const toggle = <T,>(list: T[], item: T, on: boolean) =>
  on ? [...list, item] : list.filter((x) => x !== item);

/** Faults × cases × (base + N-1 outages of the chosen branches), run by the worker. */
export function BatchStudyForm({ projectId, version, document, disabled, onQueued }: Props) {
  const [faults, setFaults] = useState<FaultType[]>(["3ph", "1ph"]);
  const [cases, setCases] = useState<StudyCase[]>(["max", "min"]);
  const [outages, setOutages] = useState<string[]>([]);
  const [duty, setDuty] = useState(false);
  const [dutyCurrent, setDutyCurrent] = useState<DutyCurrent>("bus");
  const [loadFlow, setLoadFlow] = useState(false);
  // The limits' defaults come from the one schema in contracts (0.95–1.05 pu, 100 %).
  const [limits, setLimits] = useState(() => loadFlowLimitsSchema.parse({}));
  const limitsCheck = loadFlowLimitsSchema.safeParse(limits);
  const branches = BRANCH_COLLECTIONS.flatMap((c) =>
    ((document[c] as Array<{ id: string }> | undefined) ?? []).map((b) => ({ id: b.id, kind: c })),
  );
  const run = useRunStudy(onQueued);
  return (
    <form
      className="stack"
      onSubmit={(e) => {
        e.preventDefault();
        run.mutate({
          projectId,
          version,
          study: {
            kind: "batch_study",
            options: {
              faults,
              cases,
              contingencies: outages,
              duty,
              duty_current: dutyCurrent,
              ...(loadFlow && { load_flow: { limits } }),
            },
          },
        });
      }}
    >
      <p className="muted">On saved version {version}.</p>
      <fieldset>
        <legend>Faults</legend>
        {FAULT_TYPES.map((f) => (
          <label key={f} className="inline">
            <input
              type="checkbox"
              checked={faults.includes(f)}
              onChange={(e) => setFaults(toggle(faults, f, e.target.checked))}
            />
            {FAULT_LABELS[f]}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Cases</legend>
        {STUDY_CASES.map((c) => (
          <label key={c} className="inline">
            <input
              type="checkbox"
              checked={cases.includes(c)}
              onChange={(e) => setCases(toggle(cases, c, e.target.checked))}
            />
            {c === "max" ? "maximum (equipment ratings)" : "minimum (protection)"}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Contingencies (N-1: each one out of service in turn)</legend>
        {branches.length === 0 ? (
          <p className="muted">The network has no lines or transformers.</p>
        ) : (
          <div className="contingencies">
            {branches.map((b) => (
              <label key={b.id} className="inline">
                <input
                  type="checkbox"
                  checked={outages.includes(b.id)}
                  onChange={(e) => setOutages(toggle(outages, b.id, e.target.checked))}
                />
                {b.id}
              </label>
            ))}
          </div>
        )}
      </fieldset>
      <fieldset>
        <legend>Duty</legend>
        <label className="inline">
          <input type="checkbox" checked={duty} onChange={(e) => setDuty(e.target.checked)} />
          Evaluate equipment duty (worst over the maximum-case studies)
        </label>
        <label className="inline">
          Current{" "}
          <select
            aria-label="Duty current"
            value={dutyCurrent}
            disabled={!duty}
            onChange={(e) => setDutyCurrent(e.target.value as DutyCurrent)}
          >
            {DUTY_CURRENTS.map((c) => (
              <option key={c} value={c}>
                {c === "bus" ? "total at the bus (conservative)" : "through the device"}
              </option>
            ))}
          </select>
        </label>
        {duty && !cases.includes("max") && (
          <p className="field-error" role="alert">
            Duty needs the maximum case among the cases.
          </p>
        )}
      </fieldset>
      <fieldset>
        <legend>Load flow</legend>
        <label className="inline">
          <input type="checkbox" checked={loadFlow} onChange={(e) => setLoadFlow(e.target.checked)} />
          Load flow per contingency (worst voltage per bus, worst loading per branch)
        </label>
        {(
          [
            ["vm_min_pu", "Lowest voltage, pu"],
            ["vm_max_pu", "Highest voltage, pu"],
            ["loading_max_percent", "Highest loading, %"],
          ] as const
        ).map(([key, label]) => (
          <label key={key} className="inline">
            {label}{" "}
            <input
              type="number"
              step="any"
              aria-label={label}
              value={limits[key]}
              disabled={!loadFlow}
              onChange={(e) => setLimits({ ...limits, [key]: e.target.valueAsNumber })}
            />
          </label>
        ))}
        {loadFlow && !limitsCheck.success && (
          <p className="field-error" role="alert">
            {limitsCheck.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}
          </p>
        )}
      </fieldset>
      <p className="muted small">
        {loadFlow && `${outages.length + 1} load flows and `}
        {(outages.length + 1) * faults.length * cases.length} short-circuit studies ({outages.length + 1}{" "}
        network states × {faults.length} faults × {cases.length} cases).
      </p>
      <ErrorMessage error={run.error} />
      <button
        type="submit"
        className="primary"
        disabled={
          disabled ||
          run.isPending ||
          !faults.length ||
          !cases.length ||
          (duty && !cases.includes("max")) ||
          (loadFlow && !limitsCheck.success)
        }
      >
        {run.isPending ? "Queueing…" : "Run batch study"}
      </button>
    </form>
  );
}
