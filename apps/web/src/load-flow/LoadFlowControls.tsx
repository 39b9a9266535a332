import { LOAD_FLOW_ALGORITHMS, type LoadFlowAlgorithm } from "@ampflux/contracts";
import { useState } from "react";
import { Messages, NumberOptionRow, OptionRow } from "../results/StudyOptionFields.tsx";
import { type LiveLoadFlowOptions, type LoadFlowOptionField, loadFlowOptionMessages } from "./options.ts";
import type { LiveLoadFlow } from "./useLiveLoadFlow.ts";

export const ALGORITHM_LABELS: Record<LoadFlowAlgorithm, string> = {
  nr: "Newton–Raphson",
  fdxb: "fast-decoupled XB",
  fdbx: "fast-decoupled BX",
  dc: "DC approximation",
};

/** Iterations when the field is empty (the engine's default per algorithm, docs/load-flow.md). */
const DEFAULT_ITERATIONS: Record<LoadFlowAlgorithm, number> = { nr: 10, fdxb: 30, fdbx: 30, dc: 1 };

/** The colouring limits' fields: key, label, unit. */
const LIMIT_FIELDS: ReadonlyArray<[keyof LiveLoadFlowOptions["limits"], string, string]> = [
  ["vm_min_pu", "Vm min", "pu"],
  ["vm_max_pu", "Vm max", "pu"],
  ["loading_max_percent", "Loading max", "%"],
];

interface Props {
  value: LiveLoadFlowOptions;
  onChange(v: LiveLoadFlowOptions): void;
  live: LiveLoadFlow;
}

/**
 * The load flow's options in the toolbar: the algorithm at hand; tolerance, iterations, start, Q
 * limits and the colouring limits under "Options"; a Run button for networks solved on demand.
 */
export function LoadFlowControls({ value, onChange, live }: Props) {
  const messages = loadFlowOptionMessages(value);
  const set = (patch: Partial<LiveLoadFlowOptions>) => onChange({ ...value, ...patch });
  const setLimits = (patch: Partial<LiveLoadFlowOptions["limits"]>) =>
    onChange({ ...value, limits: { ...value.limits, ...patch } });
  const [open, setOpen] = useState(false);
  const refused = [...messages.keys()].filter((f) => f !== "algorithm").length;
  const number = (field: LoadFlowOptionField, label: string, unit?: string) => ({
    label,
    unit,
    messages: messages.get(field),
  });
  return (
    <div className="load-flow-controls" data-testid="load-flow-controls">
      <select
        aria-label="Load-flow algorithm"
        title="Load-flow algorithm"
        value={value.algorithm}
        onChange={(e) => set({ algorithm: e.target.value as LoadFlowAlgorithm })}
      >
        {LOAD_FLOW_ALGORITHMS.map((a) => (
          <option key={a} value={a}>
            {ALGORITHM_LABELS[a]}
          </option>
        ))}
      </select>
      <Messages list={messages.get("algorithm")} />
      {live.onDemand && (
        <button
          type="button"
          className="primary small"
          onClick={live.run}
          disabled={live.status === "computing"}
          title="Large network: the load flow runs when asked, not on every edit"
        >
          Run load flow
        </button>
      )}
      <details className="study-options" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary className={refused ? "error-text" : undefined}>
          Options{refused > 0 && ` (${refused} refused)`}
        </summary>
        <div className="study-options-body" data-testid="load-flow-options">
          <NumberOptionRow
            {...number("tolerance_pu", "Tolerance", "pu")}
            value={value.tolerance_pu}
            onValue={(v) => v !== undefined && set({ tolerance_pu: v })}
          />
          <NumberOptionRow
            {...number("max_iterations", "Max iterations")}
            value={value.max_iterations}
            optional
            placeholder={`${DEFAULT_ITERATIONS[value.algorithm]} (${value.algorithm})`}
            onValue={(v) => set({ max_iterations: v })}
          />
          {(
            [
              ["flat_start", "Flat start", false],
              ["q_limits", "Generator Q limits", value.algorithm === "dc"],
            ] as const
          ).map(([key, label, disabled]) => (
            <OptionRow key={key} label={label} messages={messages.get(key)}>
              {(id) => (
                <input
                  id={id}
                  type="checkbox"
                  checked={value[key]}
                  disabled={disabled}
                  onChange={(e) => set({ [key]: e.target.checked })}
                />
              )}
            </OptionRow>
          ))}
          {LIMIT_FIELDS.map(([key, label, unit]) => (
            <NumberOptionRow
              key={key}
              {...number(`limits.${key}`, label, unit)}
              value={value.limits[key]}
              onValue={(v) => v !== undefined && setLimits({ [key]: v })}
            />
          ))}
        </div>
      </details>
    </div>
  );
}
