// What a study report shows, already computed, as plain JSON: the backend builds it from the
// study, its network version and the project; renderers (HTML, PDF) lay it out and decide
// nothing about content. Sections follow issue 20's order (REPORT_SECTIONS).

import type { ArcFlashLabel } from "../arc-flash/label.ts";
import type { ArcFlashResult } from "../arc-flash/results.ts";
import type { DutyCheck } from "../duty.ts";
import type { BranchFaultResult, BusFaultResult, WorstCase } from "../short-circuit.ts";
import type { ReportMethod } from "./methods.ts";
import type { ReportApprovalRole } from "./options.ts";

/** Version of this model's shape; a renderer refuses a model of another version. */
export const STUDY_REPORT_MODEL_VERSION = 1;

export const REPORT_SECTIONS = [
  { id: "cover", title: "Study" },
  { id: "inputs", title: "Inputs" },
  { id: "diagram", title: "One-line diagram" },
  { id: "bus_results", title: "Results per bus" },
  { id: "branch_results", title: "Results per branch" },
  { id: "duty", title: "Equipment duty" },
  { id: "arc_flash", title: "Arc flash" },
  { id: "warnings", title: "Warnings" },
  { id: "methods", title: "Methods" },
  { id: "revision", title: "Revision history" },
  { id: "approvals", title: "Approval" },
  { id: "labels", title: "Appendix: arc-flash labels" },
] as const;
export type ReportSectionId = (typeof REPORT_SECTIONS)[number]["id"];

export interface ReportUser {
  name: string;
  email: string;
}

/** One option of the study as the cover prints it, e.g. { name: "tk_s", value: "1 s" }. */
export interface ReportOptionLine {
  name: string;
  value: string;
}

export interface ReportCover {
  project: string;
  network: {
    name: string;
    version_number: number;
    version_id: string;
  };
  simulation_id: string;
  study_kind: "short_circuit" | "batch_study";
  /** Who ran the study. */
  author: ReportUser;
  /** ISO timestamp of the study. */
  study_date: string;
  /** Standards with edition, e.g. ["IEC 60909-0:2016", "IEEE 1584-2018"]. */
  standards: string[];
  options: ReportOptionLine[];
}

export interface ReportTypeUsage {
  /** Type name, e.g. "NA2XS2Y 1x240 RM/25 12/20 kV". */
  name: string;
  collection: string;
  /** Elements of the network that use it. */
  elements: number;
}

/** A value the study took as a default or assumption, and where it came from. */
export interface ReportAssumption {
  source: "arc_flash" | "duty" | "network" | "study";
  /** Element id (bus, switch, line...) it applies to; null: the whole study. */
  element: string | null;
  text: string;
}

export interface ReportInputs {
  /** Element counts per collection, as countElements gives them. */
  element_counts: Record<string, number>;
  types_used: ReportTypeUsage[];
  /** Every defaulted or assumed value: arc-flash `defaulted`, duty notes, network warnings. */
  assumptions: ReportAssumption[];
  /** When the version came from an import: the importer's report as readable lines. */
  import_report: { source: string; messages: string[] } | null;
}

export interface ReportDiagramBus {
  id: string;
  name: string | null;
  vn_kv: number;
  /** The bus's geo position; null: the renderer lays the bus out. */
  geo: { x: number; y: number } | null;
  /** The diagram's quantity at this bus (diagram.unit); null: no number. */
  value: number | null;
  /** CSS hex colour from the key, e.g. "#d73027". */
  colour: string;
}

export interface ReportDiagramBranch {
  id: string;
  kind: "line" | "transformer" | "transformer3w" | "impedance" | "switch";
  from_bus: string;
  to_bus: string;
  in_service: boolean;
}

/** One band of the colour key: values in [from, to) get `colour`; null ends are open. */
export interface ReportColourBand {
  from: number | null;
  to: number | null;
  colour: string;
  label: string;
}

export interface ReportDiagram {
  quantity: "ikss_ka" | "energy_cal_cm2";
  /** Legend title, e.g. "I''k (kA)". */
  label: string;
  unit: string;
  buses: ReportDiagramBus[];
  branches: ReportDiagramBranch[];
  key: ReportColourBand[];
  /** Colour of buses without a value. */
  no_value_colour: string;
}

/** A bus's short-circuit results with what identifies it in a table. */
export interface ReportBusRow extends BusFaultResult {
  name: string | null;
  vn_kv: number | null;
}

export interface ReportWarning {
  /** Where it points, e.g. "lines[3].to_bus"; "" for the whole network. */
  path: string;
  message: string;
}

export interface ReportRevision {
  /** The version the previous report of this study's network was made from; null: first report. */
  previous: {
    version_number: number;
    version_id: string;
    /** ISO timestamp of the previous report. */
    reported_at: string;
  } | null;
  /** Added, removed and changed elements by collection, one line each (revisionChangeLines). */
  changes: string[];
}

export interface ReportApproval {
  role: ReportApprovalRole;
  /** null: pending. */
  user: ReportUser | null;
  /** ISO timestamp of the signature; null: pending. */
  at: string | null;
}

export interface StudyReportModel {
  model_version: typeof STUDY_REPORT_MODEL_VERSION;
  title: string;
  /** Hash of the report's inputs (network version, study, options): printed in every footer. */
  content_hash: string;
  /** ISO timestamp of generation. */
  generated_at: string;
  cover: ReportCover;
  inputs: ReportInputs;
  diagram: ReportDiagram;
  /** Short-circuit study rows; empty for a batch study (see `worst`). */
  bus_results: ReportBusRow[];
  /** A batch study's worst cases per bus, fault and case; null for a single study. */
  worst: WorstCase[] | null;
  /** null: not asked for (include_branches) or not computed by the study. */
  branch_results: BranchFaultResult[] | null;
  /** Violations first (compareDuty); null: the study did not evaluate duty. */
  duty: DutyCheck[] | null;
  /** null: the study did not evaluate arc flash. */
  arc_flash: { results: ArcFlashResult[]; labels: ArcFlashLabel[] } | null;
  warnings: ReportWarning[];
  methods: ReportMethod[];
  revision: ReportRevision;
  /** One per role, in REPORT_APPROVAL_ROLES order. */
  approvals: ReportApproval[];
}
