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
          <OptionRow label="Flat start" messages={messages.get("flat_start")}>
            {(id) => (
              <input
                id={id}
                type="checkbox"
                checked={value.flat_start}
                onChange={(e) => set({ flat_start: e.target.checked })}
              />
            )}
          </OptionRow>
          <OptionRow label="Generator Q limits" messages={messages.get("q_limits")}>
            {(id) => (
              <input
                id={id}
                type="checkbox"
                checked={value.q_limits}
                disabled={value.algorithm === "dc"}
                onChange={(e) => set({ q_limits: e.target.checked })}
              />
            )}
          </OptionRow>
          <NumberOptionRow
            {...number("limits.vm_min_pu", "Vm min", "pu")}
            value={value.limits.vm_min_pu}
            onValue={(v) => v !== undefined && setLimits({ vm_min_pu: v })}
          />
          <NumberOptionRow
            {...number("limits.vm_max_pu", "Vm max", "pu")}
            value={value.limits.vm_max_pu}
            onValue={(v) => v !== undefined && setLimits({ vm_max_pu: v })}
          />
          <NumberOptionRow
            {...number("limits.loading_max_percent", "Loading max", "%")}
            value={value.limits.loading_max_percent}
            onValue={(v) => v !== undefined && setLimits({ loading_max_percent: v })}
          />
        </div>
      </details>
    </div>
  );
}
