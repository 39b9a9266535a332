import { DUTY_CURRENTS, type NetworkIssue, type PrefaultVoltage } from "@ampflux/contracts";
import { createContext, useContext, useId, useState } from "react";
import { NumberInput } from "../editor/properties/NumberInput.tsx";
import type { LiveStudyOptions } from "./protocol.ts";
import { optionMessages, type StudyOptionField } from "./study-options.ts";

/** The live study's options for panels below the editor's workspace (the properties panel's network view). */
export interface StudyOptionsValue {
  options: LiveStudyOptions;
  setOptions(options: LiveStudyOptions): void;
  engineIssues: readonly NetworkIssue[];
  /** Why the project's settings could not be saved (projects.studySettings.set), if so. */
  saveError?: string | null;
}

export const StudyOptionsContext = createContext<StudyOptionsValue | null>(null);

/** The same option fields as the toolbar's "Options", for the properties panel when nothing is selected. */
export function StudyOptionsSection() {
  const value = useContext(StudyOptionsContext);
  if (!value) return null;
  const { options, setOptions, engineIssues, saveError } = value;
  return (
    <section className="study-options-section" aria-label="Study options">
      <h4 className="props-section">Study options</h4>
      <p className="muted small">Saved with the project: every member opens the network with them.</p>
      {saveError && (
        <p className="error-text small" role="alert">
          Not saved: {saveError}
        </p>
      )}
      <StudyOptionFields
        value={options}
        set={(patch) => setOptions({ ...options, ...patch })}
        messages={optionMessages(options, engineIssues)}
      />
    </section>
  );
}

/**
 * Pre-fault voltages, κ method, tmin, tk, c_max/c_min, the fault impedance, the duty current and
 * the arc duration cap, each with its messages.
 */
export function StudyOptionFields({
  value,
  set,
  messages,
}: {
  value: LiveStudyOptions;
  set(patch: Partial<LiveStudyOptions>): void;
  messages: Map<StudyOptionField, string[]>;
}) {
  return (
    <>
      <OptionRow label="Pre-fault voltages" messages={messages.get("prefault_voltage")}>
        {(id) => (
          <select
            id={id}
            value={value.prefault_voltage}
            onChange={(e) => set({ prefault_voltage: e.target.value as PrefaultVoltage })}
          >
            <option value="iec60909">IEC 60909 c·Un/√3</option>
            <option value="load_flow">from load flow</option>
          </select>
        )}
      </OptionRow>
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
      <OptionRow label="LV tolerance" messages={messages.get("lv_tolerance_percent")}>
        {(id) => (
          <select
            id={id}
            value={value.lv_tolerance_percent}
            onChange={(e) => set({ lv_tolerance_percent: Number(e.target.value) === 6 ? 6 : 10 })}
          >
            <option value={10}>+10 % (c max 1.10)</option>
            <option value={6}>+6 % (c max 1.05)</option>
          </select>
        )}
      </OptionRow>
      <NumberOption label="c max" field="c_max" value={value} set={set} messages={messages} optional />
      <NumberOption label="c min" field="c_min" value={value} set={set} messages={messages} optional />
      <NumberOption
        label="Fault R"
        unit="Ω"
        field="r_fault_ohm"
        placeholder="0 (bolted)"
        value={value}
        set={set}
        messages={messages}
        optional
      />
      <NumberOption
        label="Fault X"
        unit="Ω"
        field="x_fault_ohm"
        placeholder="0 (bolted)"
        value={value}
        set={set}
        messages={messages}
        optional
      />
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
      <ArcDurationOption value={value} set={set} messages={messages} />
    </>
  );
}

/**
 * The longest arc duration (IEEE 1584-2018 §6.9.1 allows 2 s where the worker can move away), or
 * no cap: then a bus no device clears gets no number.
 */
function ArcDurationOption({
  value,
  set,
  messages,
}: {
  value: LiveStudyOptions;
  set(patch: Partial<LiveStudyOptions>): void;
  messages: Map<StudyOptionField, string[]>;
}) {
  const [problem, setProblem] = useState<string | null>(null);
  const list = [...(problem ? [problem] : []), ...(messages.get("arc_flash_max_duration_s") ?? [])];
  const uncapped = value.arc_flash_max_duration_s === null;
  return (
    <OptionRow label="Arc duration cap" messages={list.length > 0 ? list : undefined}>
      {(id) => (
        <>
          <NumberInput
            id={id}
            aria-label="Arc duration cap"
            value={value.arc_flash_max_duration_s ?? undefined}
            optional={false}
            disabled={!value.arc_flash || uncapped}
            placeholder={uncapped ? "no cap" : undefined}
            aria-invalid={list.length > 0 || undefined}
            onValue={(v) => set({ arc_flash_max_duration_s: v ?? null })}
            onProblem={setProblem}
          />
          <span className="unit">s</span>
          <label className="inline-check">
            <input
              type="checkbox"
              checked={uncapped}
              disabled={!value.arc_flash}
              onChange={(e) => {
                setProblem(null);
                set({ arc_flash_max_duration_s: e.target.checked ? null : 2 });
              }}
            />
            no cap
          </label>
        </>
      )}
    </OptionRow>
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
  placeholder = "Table 1",
}: {
  label: string;
  unit?: string;
  field: "tmin_s" | "tk_s" | "c_max" | "c_min" | "r_fault_ohm" | "x_fault_ohm";
  /** What an empty optional field means. */
  placeholder?: string;
  value: LiveStudyOptions;
  set(patch: Partial<LiveStudyOptions>): void;
  messages: Map<StudyOptionField, string[]>;
  optional?: boolean;
}) {
  return (
    <NumberOptionRow
      label={label}
      unit={unit}
      value={value[field]}
      optional={optional}
      placeholder={optional ? placeholder : undefined}
      messages={messages.get(field)}
      onValue={(v) => set({ [field]: v })}
    />
  );
}

/** A labelled number option with its unit and messages (the contract's and what it cannot parse). */
export function NumberOptionRow({
  label,
  unit,
  value,
  optional = false,
  placeholder,
  messages,
  onValue,
}: {
  label: string;
  unit?: string | undefined;
  value: number | undefined;
  optional?: boolean;
  placeholder?: string | undefined;
  messages: string[] | undefined;
  onValue(v: number | undefined): void;
}) {
  // What the field cannot parse ("1e", empty where a value is needed) stays here: the options keep their last number.
  const [problem, setProblem] = useState<string | null>(null);
  const list = [...(problem ? [problem] : []), ...(messages ?? [])];
  return (
    <OptionRow label={label} unit={unit} messages={list.length > 0 ? list : undefined}>
      {(id) => (
        <NumberInput
          id={id}
          aria-label={label}
          value={value}
          optional={optional}
          placeholder={placeholder}
          aria-invalid={list.length > 0 || undefined}
          onValue={onValue}
          onProblem={setProblem}
        />
      )}
    </OptionRow>
  );
}

export function OptionRow({
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

export function Messages({ list }: { list: string[] | undefined }) {
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
