// The editor's load-flow options: the engine's (contracts' loadFlowOptionsSchema) and the limits the
// diagram is coloured by (loadFlowLimitsSchema), kept per project in this browser like the
// short-circuit options (results/study-options.ts), and the study the editor shows.

import {
  LOAD_FLOW_ALGORITHMS,
  type LoadFlowLimits,
  type LoadFlowStudyOptions,
  loadFlowLimitsSchema,
  loadFlowStudyOptionsSchema,
} from "@ampflux/contracts";

/** What the options form edits: the study options with max_iterations left to the algorithm. */
export type LiveLoadFlowOptions = LoadFlowStudyOptions;

/** Newton–Raphson, 1e-8 pu, the algorithm's iterations, warm start, no Q limits; 0.95–1.05 pu, 100 %. */
export const DEFAULT_LOAD_FLOW_OPTIONS: LiveLoadFlowOptions = loadFlowStudyOptionsSchema.parse({});

/** A field of the form: an engine option or one of the limits ("limits.vm_min_pu"). */
export type LoadFlowOptionField =
  | "algorithm"
  | "tolerance_pu"
  | "max_iterations"
  | "flat_start"
  | "q_limits"
  | `limits.${keyof LoadFlowLimits}`;

const optionsKey = (projectId: string) => `ampflux:load-flow-options:${projectId}`;
const studyKey = (projectId: string) => `ampflux:study:${projectId}`;

function readStored(key: string): unknown {
  try {
    return JSON.parse(localStorage.getItem(key) ?? "null") as unknown;
  } catch {
    return null; // Unreadable: start from the defaults.
  }
}

function writeStored(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or disabled: the choice lasts for this visit only.
  }
}

const record = (value: unknown): Record<string, unknown> =>
  value && typeof value === "object" ? (value as Record<string, unknown>) : {};
const finite = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);

/**
 * The options last used on this project's network. A stored value of the wrong type falls back to
 * the default; an out-of-range number is kept, so its field shows why it is refused.
 */
export function loadLoadFlowOptions(projectId: string): LiveLoadFlowOptions {
  const stored = record(readStored(optionsKey(projectId)));
  const limits = record(stored.limits);
  const d = DEFAULT_LOAD_FLOW_OPTIONS;
  return {
    algorithm: LOAD_FLOW_ALGORITHMS.find((a) => a === stored.algorithm) ?? d.algorithm,
    tolerance_pu: finite(stored.tolerance_pu) ? stored.tolerance_pu : d.tolerance_pu,
    max_iterations: finite(stored.max_iterations) ? stored.max_iterations : undefined,
    flat_start: stored.flat_start === true,
    q_limits: stored.q_limits === true,
    limits: {
      vm_min_pu: finite(limits.vm_min_pu) ? limits.vm_min_pu : d.limits.vm_min_pu,
      vm_max_pu: finite(limits.vm_max_pu) ? limits.vm_max_pu : d.limits.vm_max_pu,
      loading_max_percent: finite(limits.loading_max_percent)
        ? limits.loading_max_percent
        : d.limits.loading_max_percent,
    },
  };
}

export function saveLoadFlowOptions(projectId: string, options: LiveLoadFlowOptions): void {
  writeStored(optionsKey(projectId), options);
}

/** The study the editor computes live and draws on the diagram. */
export type EditorStudy = "short_circuit" | "load_flow";

export const loadEditorStudy = (projectId: string): EditorStudy =>
  readStored(studyKey(projectId)) === "load_flow" ? "load_flow" : "short_circuit";

export const saveEditorStudy = (projectId: string, study: EditorStudy): void =>
  writeStored(studyKey(projectId), study);

/** The contract's messages per field (each once), shown next to the field as the user types. */
export function loadFlowOptionMessages(options: LiveLoadFlowOptions): Map<LoadFlowOptionField, string[]> {
  const messages = new Map<LoadFlowOptionField, string[]>();
  const parsed = loadFlowStudyOptionsSchema.safeParse(options);
  if (parsed.success) return messages;
  for (const issue of parsed.error.issues) {
    const field = issue.path.join(".") as LoadFlowOptionField;
    const list = messages.get(field) ?? [];
    if (!list.includes(issue.message)) messages.set(field, [...list, issue.message]);
  }
  return messages;
}

/** The options as the engine takes them, or null while the form holds a refused value. */
export function validLoadFlowOptions(options: LiveLoadFlowOptions): LoadFlowStudyOptions | null {
  const parsed = loadFlowStudyOptionsSchema.safeParse(options);
  return parsed.success ? parsed.data : null;
}

/** The limits the diagram is coloured by: the form's when valid, else the contract's defaults. */
export function colouringLimits(options: LiveLoadFlowOptions): LoadFlowLimits {
  const parsed = loadFlowLimitsSchema.safeParse(options.limits);
  return parsed.success ? parsed.data : DEFAULT_LOAD_FLOW_OPTIONS.limits;
}
