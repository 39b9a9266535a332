import {
  DUTY_CURRENTS,
  FAULT_TYPES,
  type FaultType,
  type NetworkIssue,
  STUDY_CASES,
} from "@ampflux/contracts";
import { useId, useState } from "react";
import { NumberInput } from "../editor/properties/NumberInput.tsx";
import type { LiveStudyOptions } from "./protocol.ts";
import { optionMessages, type StudyOptionField } from "./study-options.ts";

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
 * The live study's options: fault type, max/min case and duty at hand; κ method, tmin, tk, the
 * voltage factors and the duty current under "Options". A refused value shows the contract's or
 * the engine's message next to its field.
 */
export function StudyControls({ value, onChange, engineIssues }: Props) {
  const messages = optionMessages(value, engineIssues);
  const set = (patch: Partial<LiveStudyOptions>) => onChange({ ...value, ...patch });
  const advancedFields: StudyOptionField[] = [
    "kappa_method",
    "tmin_s",
    "tk_s",
    "c_max",
    "c_min",
    "duty_current",
  ];
  const advancedProblems = advancedFields.some((f) => messages.has(f));
  const [open, setOpen] = useState(false);
  return (
    <div className="study-controls">
      <label>
        Fault
        <select
          aria-label="Fault type"
          value={value.fault}
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
      <details
        className="study-options"
        open={open || advancedProblems}
        onToggle={(e) => setOpen(e.currentTarget.open)}
      >
        <summary className={advancedProblems ? "error-text" : undefined}>Options</summary>
        <div className="study-options-body" data-testid="study-options">
          <OptionRow label="κ method" messages={messages.get("kappa_method")}>
            {(id) => (
              <select
                id={id}
                value={value.kappa_method}
                onChange={(e) => set({ kappa_method: e.target.value as "B" | "C" })}
              >
                <option value="B">B: uniform R/X (eq. 58)</option>
                <option value="C">C: equivalent frequency (eq. 59)</option>
              </select>
            )}
          </OptionRow>
          <NumberOption label="tmin" unit="s" field="tmin_s" value={value} set={set} messages={messages} />
          <NumberOption label="tk" unit="s" field="tk_s" value={value} set={set} messages={messages} />
          <NumberOption label="c max" field="c_max" value={value} set={set} messages={messages} optional />
          <NumberOption label="c min" field="c_min" value={value} set={set} messages={messages} optional />
          <OptionRow label="Duty current" messages={messages.get("duty_current")}>
            {(id) => (
              <select
                id={id}
                value={value.duty_current}
                disabled={!value.duty}
                onChange={(e) => set({ duty_current: e.target.value as LiveStudyOptions["duty_current"] })}
              >
                {DUTY_CURRENTS.map((c) => (
                  <option key={c} value={c}>
                    {c === "bus" ? "total at the bus (conservative)" : "through the device"}
                  </option>
                ))}
              </select>
            )}
          </OptionRow>
        </div>
      </details>
    </div>
  );
}

function NumberOption({
  label,
  unit,
  field,
  value,
  set,
  messages,
  optional = false,
}: {
  label: string;
  unit?: string;
  field: "tmin_s" | "tk_s" | "c_max" | "c_min";
  value: LiveStudyOptions;
  set(patch: Partial<LiveStudyOptions>): void;
  messages: Map<StudyOptionField, string[]>;
  optional?: boolean;
}) {
  // What the field cannot parse ("1e", empty where a value is needed) stays here: the options keep their last number.
  const [problem, setProblem] = useState<string | null>(null);
  const list = [...(problem ? [problem] : []), ...(messages.get(field) ?? [])];
  return (
    <OptionRow label={label} unit={unit} messages={list.length > 0 ? list : undefined}>
      {(id) => (
        <NumberInput
          id={id}
          aria-label={label}
          value={value[field]}
          optional={optional}
          placeholder={optional ? "Table 1" : undefined}
          aria-invalid={list.length > 0 || undefined}
          onValue={(v) => set({ [field]: v })}
          onProblem={setProblem}
        />
      )}
    </OptionRow>
  );
}

function OptionRow({
  label,
  unit,
  messages,
  children,
}: {
  label: string;
  unit?: string | undefined;
  messages: string[] | undefined;
  children(id: string): React.ReactNode;
}) {
  const id = useId();
  return (
    <div className={`option-row${messages ? " invalid" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <span className="prop-input">
        {children(id)}
        {unit && <span className="unit">{unit}</span>}
      </span>
      <Messages list={messages} />
    </div>
  );
}

function Messages({ list }: { list: string[] | undefined }) {
  if (!list) return null;
  return (
    <span className="option-messages">
      {list.map((m) => (
        <span key={m} className="field-error" role="alert">
          {m}
        </span>
      ))}
    </span>
  );
}
