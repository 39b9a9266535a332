import { FAULT_TYPES, type FaultType, STUDY_CASES } from "@ampflux/contracts";
import type { LiveStudyOptions } from "./protocol.ts";

export const FAULT_LABELS: Record<FaultType, string> = {
  "3ph": "3-phase",
  "2ph": "2-phase",
  "1ph": "1-phase to earth",
  "2ph_earth": "2-phase to earth",
};

/** Fault type and max/min case of the live study. */
export function StudyControls({
  value,
  onChange,
}: {
  value: LiveStudyOptions;
  onChange(v: LiveStudyOptions): void;
}) {
  return (
    <div className="study-controls">
      <label>
        Fault
        <select
          aria-label="Fault type"
          value={value.fault}
          onChange={(e) => onChange({ ...value, fault: e.target.value as FaultType })}
        >
          {FAULT_TYPES.map((f) => (
            <option key={f} value={f}>
              {FAULT_LABELS[f]}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="segmented" aria-label="Case">
        {STUDY_CASES.map((c) => (
          <button
            key={c}
            type="button"
            aria-pressed={value.case === c}
            className={value.case === c ? "active" : undefined}
            onClick={() => onChange({ ...value, case: c })}
          >
            {c}
          </button>
        ))}
      </fieldset>
    </div>
  );
}
