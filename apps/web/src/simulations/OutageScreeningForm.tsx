import {
  FAULT_TYPES,
  type FaultType,
  OUTAGE_KINDS,
  type OutageKind,
  STUDY_CASES,
  type StudyCase,
} from "@ampflux/contracts";
import { useState } from "react";
import { FAULT_LABELS } from "../results/StudyControls.tsx";
import { ErrorMessage } from "../ui/ErrorMessage.tsx";
import { useRunStudy } from "./useRunStudy.ts";

const KIND_NAMES: Record<OutageKind, string> = {
  line: "lines",
  transformer: "transformers",
  impedance: "impedances",
  transformer3w: "three-winding transformers",
};

/** Branch ids as typed: separated by commas, spaces or new lines. */
const idList = (text: string) => text.split(/[\s,]+/).filter(Boolean);

/** A kV bound as typed: empty is no bound. */
const kvBound = (text: string) => (text.trim() === "" ? undefined : Number(text));

/**
 * N-1 screening of I''k: every in-service branch of the chosen kinds (and voltage levels) out in
 * turn, or only the listed ones, every bus, by exact rank-1 updates (docs/short-circuit.md, "N-1
 * screening"); run by the worker. A bad id or bound comes back from the api naming the field.
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
  const [fault, setFault] = useState<FaultType>("3ph");
  const [studyCase, setStudyCase] = useState<StudyCase>("max");
  const [kinds, setKinds] = useState<OutageKind[]>([...OUTAGE_KINDS]);
  const [minKv, setMinKv] = useState("");
  const [maxKv, setMaxKv] = useState("");
  const [listed, setListed] = useState("");
  const run = useRunStudy(onQueued);
  const ids = idList(listed);
  return (
    <form
      className="stack"
      aria-label="N-1 screening"
      onSubmit={(e) => {
        e.preventDefault();
        run.mutate({
          projectId,
          version,
          study: {
            kind: "outage_screening",
            options: {
              fault,
              case: studyCase,
              ...(ids.length > 0 ? { outages: ids } : { outages: "all", kinds }),
              min_kv: kvBound(minKv),
              max_kv: kvBound(maxKv),
            },
          },
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
      <fieldset disabled={ids.length > 0}>
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
      <div className="row">
        <KvBound label="From kV" value={minKv} onChange={setMinKv} />
        <KvBound label="to kV" value={maxKv} onChange={setMaxKv} />
        <span className="muted small">a branch is in when one of its ends is in the range</span>
      </div>
      <label>
        Only these branches{" "}
        <input
          type="text"
          placeholder="all of the kinds above (or ids: L1, T2 …)"
          value={listed}
          onChange={(e) => setListed(e.target.value)}
        />
      </label>
      <ErrorMessage error={run.error} />
      <button type="submit" disabled={disabled || run.isPending || (ids.length === 0 && kinds.length === 0)}>
        {run.isPending ? "Queueing…" : "Run N-1 screening"}
      </button>
    </form>
  );
}

/** One end of the voltage range, as typed (empty: no bound). */
function KvBound({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string;
  onChange(value: string): void;
}) {
  return (
    <label>
      {label}{" "}
      <input
        type="number"
        min="0"
        step="any"
        placeholder="any"
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </label>
  );
}
