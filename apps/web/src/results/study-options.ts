import {
  DUTY_CURRENTS,
  FAULT_TYPES,
  type NetworkIssue,
  PREFAULT_VOLTAGES,
  STUDY_CASES,
  type StudySettings,
  shortCircuitOptionsSchema,
  studySettingsSchema,
} from "@ampflux/contracts";
import type { LiveStudyOptions } from "./protocol.ts";

/**
 * The schema's defaults: 3-phase, maximum case, κ method C, tmin 0.1 s, tk 1 s, Table 1 factors
 * with the +10 % LV tolerance, no
 * duty, no arc flash (capped at 2 s when turned on), IEC 60909's pre-fault voltage c·Un/√3.
 */
export const DEFAULT_STUDY_OPTIONS: LiveStudyOptions = {
  fault: "3ph",
  case: "max",
  kappa_method: "C",
  tmin_s: 0.1,
  tk_s: 1,
  lv_tolerance_percent: 10,
  duty: false,
  duty_current: "bus",
  arc_flash: false,
  arc_flash_max_duration_s: 2,
  prefault_voltage: "iec60909",
};

/** The option fields the controls edit, each of which may carry a message. */
export type StudyOptionField = keyof LiveStudyOptions;
const OPTION_FIELDS = new Set<string>([
  "fault",
  "case",
  "kappa_method",
  "tmin_s",
  "tk_s",
  "lv_tolerance_percent",
  "c_max",
  "c_min",
  "duty",
  "duty_current",
  "arc_flash",
  "arc_flash_max_duration_s",
  "prefault_voltage",
  "r_fault_ohm",
  "x_fault_ohm",
] satisfies StudyOptionField[]);

const storageKey = (projectId: string) => `ampflux:study-options:${projectId}`;

const oneOf = <T extends string>(values: readonly T[], value: unknown, fallback: T): T =>
  values.includes(value as T) ? (value as T) : fallback;
const numberOr = (value: unknown, fallback: number | undefined) =>
  typeof value === "number" && Number.isFinite(value) ? value : fallback;

/**
 * The options last used on this project's network (kept per project in localStorage, like the
 * layout). A stored value of the wrong type falls back to the default; an out-of-range number is
 * kept, so the field shows why it is refused.
 */
export function loadStudyOptions(projectId: string): LiveStudyOptions {
  let stored: Record<string, unknown> = {};
  try {
    const parsed = JSON.parse(localStorage.getItem(storageKey(projectId)) ?? "{}") as unknown;
    if (parsed && typeof parsed === "object") stored = parsed as Record<string, unknown>;
  } catch {
    // Unreadable: start from the defaults.
  }
  const d = DEFAULT_STUDY_OPTIONS;
  return {
    fault: oneOf(FAULT_TYPES, stored.fault, d.fault),
    case: oneOf(STUDY_CASES, stored.case, d.case),
    kappa_method: oneOf(["B", "C"] as const, stored.kappa_method, d.kappa_method),
    tmin_s: numberOr(stored.tmin_s, d.tmin_s) ?? d.tmin_s,
    tk_s: numberOr(stored.tk_s, d.tk_s) ?? d.tk_s,
    lv_tolerance_percent: stored.lv_tolerance_percent === 6 ? 6 : d.lv_tolerance_percent,
    c_max: numberOr(stored.c_max, undefined),
    c_min: numberOr(stored.c_min, undefined),
    r_fault_ohm: numberOr(stored.r_fault_ohm, undefined),
    x_fault_ohm: numberOr(stored.x_fault_ohm, undefined),
    duty: stored.duty === true,
    duty_current: oneOf(DUTY_CURRENTS, stored.duty_current, d.duty_current),
    arc_flash: stored.arc_flash === true,
    // null is a choice ("no cap"), not a value of the wrong type.
    arc_flash_max_duration_s:
      stored.arc_flash_max_duration_s === null
        ? null
        : (numberOr(stored.arc_flash_max_duration_s, d.arc_flash_max_duration_s ?? undefined) ?? null),
    prefault_voltage: oneOf(PREFAULT_VOLTAGES, stored.prefault_voltage, d.prefault_voltage),
  };
}

/**
 * Arc flash is computed from the 3-phase bolted fault current (IEEE 1584-2018 §4.2): turning it on
 * selects the 3-phase fault, which stays locked while it is on.
 */
export function withArcFlash(options: LiveStudyOptions, on: boolean): LiveStudyOptions {
  return on ? { ...options, arc_flash: true, fault: "3ph" } : { ...options, arc_flash: false };
}

export function saveStudyOptions(projectId: string, options: LiveStudyOptions): void {
  try {
    localStorage.setItem(storageKey(projectId), JSON.stringify(options));
  } catch {
    // Storage full or disabled: the options last for this visit only.
  }
}

/**
 * Messages per option field: the contract's schema (at once, as the user types) and the engine's
 * own refusals (e.g. duty with the minimum case), by their paths; each message once.
 */
export function optionMessages(
  options: LiveStudyOptions,
  engineIssues: readonly NetworkIssue[],
): Map<StudyOptionField, string[]> {
  const messages = new Map<StudyOptionField, string[]>();
  const add = (path: ReadonlyArray<string | number>, message: string) => {
    const [field] = path;
    if (typeof field !== "string" || !OPTION_FIELDS.has(field)) return;
    const key = field as StudyOptionField;
    const list = messages.get(key) ?? [];
    if (!list.includes(message)) messages.set(key, [...list, message]);
  };
  const parsed = shortCircuitOptionsSchema.safeParse(options);
  if (!parsed.success)
    for (const issue of parsed.error.issues) add(issue.path as Array<string | number>, issue.message);
  for (const issue of engineIssues) add(issue.path, issue.message);
  return messages;
}

/**
 * The live options as the project's study settings (what projects.studySettings.set takes); null
 * while a field is refused (the user is still typing it), so nothing invalid is saved.
 */
export function toStudySettings(options: LiveStudyOptions): StudySettings | null {
  const parsed = studySettingsSchema.safeParse({
    fault: options.fault,
    case: options.case,
    kappa_method: options.kappa_method,
    tmin_s: options.tmin_s,
    tk_s: options.tk_s,
    lv_tolerance_percent: options.lv_tolerance_percent,
    c_max: options.c_max,
    c_min: options.c_min,
    r_fault_ohm: options.r_fault_ohm,
    x_fault_ohm: options.x_fault_ohm,
    prefault_voltage: options.prefault_voltage,
    duty: options.duty,
    duty_current: options.duty_current,
    arc_flash: options.arc_flash,
    arc_flash_max_duration_s: options.arc_flash_max_duration_s,
  });
  return parsed.success ? parsed.data : null;
}

/** The project's saved settings as live options; a zero fault impedance is the bolted fault (unset). */
export function fromStudySettings(settings: StudySettings): LiveStudyOptions {
  return {
    ...settings,
    r_fault_ohm: settings.r_fault_ohm || undefined,
    x_fault_ohm: settings.x_fault_ohm || undefined,
  };
}
