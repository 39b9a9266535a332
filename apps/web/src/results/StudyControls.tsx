import { FAULT_TYPES, type FaultType, type NetworkIssue, STUDY_CASES } from "@ampflux/contracts";
import { useState } from "react";
import type { LiveStudyOptions } from "./protocol.ts";
import { Messages, StudyOptionFields } from "./StudyOptionFields.tsx";
import { optionMessages, type StudyOptionField, withArcFlash } from "./study-options.ts";

export const FAULT_LABELS: Record<FaultType, string> = {
  "3ph": "3-phase",
  "2ph": "2-phase",
  "1ph": "1-phase to earth",
  "2ph_earth": "2-phase to earth",
};

interface Props {
  value: LiveStudyOptions;
  onChange(v: LiveStudyOptions): void;
  /** The engine's refusals; those about an option show next to it. */
  engineIssues: readonly NetworkIssue[];
}

/**
 * The live study's options: fault type, max/min case, duty and arc flash at hand; κ method, tmin,
 * tk, the voltage factors, the duty current and the arc duration cap under "Options". A refused
 * value shows the contract's or the engine's message next to its field.
 */
export function StudyControls({ value, onChange, engineIssues }: Props) {
  const messages = optionMessages(value, engineIssues);
  const set = (patch: Partial<LiveStudyOptions>) => onChange({ ...value, ...patch });
  const advancedFields: StudyOptionField[] = [
    "kappa_method",
    "tmin_s",
    "tk_s",
    "lv_tolerance_percent",
    "c_max",
    "c_min",
    "r_fault_ohm",
    "x_fault_ohm",
    "duty_current",
    "arc_flash_max_duration_s",
  ];
  // A refused option marks "Options" rather than opening it over the diagram.
  const advancedProblems = advancedFields.filter((f) => messages.has(f)).length;
  const [open, setOpen] = useState(false);
  return (
    <div className="study-controls">
      <label>
        Fault
        <select
          aria-label="Fault type"
          value={value.fault}
          disabled={value.arc_flash}
          title={
            value.arc_flash ? "Arc flash uses the 3-phase fault: turn it off to choose another" : undefined
          }
          onChange={(e) => set({ fault: e.target.value as FaultType })}
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
            onClick={() => set({ case: c })}
          >
            {c}
          </button>
        ))}
      </fieldset>
      <label title="Compare each rated element with its short-circuit ratings (maximum case)">
        <input type="checkbox" checked={value.duty} onChange={(e) => set({ duty: e.target.checked })} />
        Duty
      </label>
      <Messages list={messages.get("duty")} />
      <label title="IEEE 1584-2018 incident energy at every bus, from the 3-phase fault (selects it)">
        <input
          type="checkbox"
          checked={value.arc_flash}
          onChange={(e) => onChange(withArcFlash(value, e.target.checked))}
        />
        Arc flash
      </label>
      <Messages list={messages.get("arc_flash")} />
      <details className="study-options" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary className={advancedProblems ? "error-text" : undefined}>
          Options{advancedProblems > 0 && ` (${advancedProblems} refused)`}
        </summary>
        <div className="study-options-body" data-testid="study-options">
          <StudyOptionFields value={value} set={set} messages={messages} />
        </div>
      </details>
    </div>
  );
}
