import type {
  BusResultExplanation,
  DutyCurrent,
  EquipmentType,
  FaultType,
  NetworkIssue,
  PrefaultVoltage,
  ShortCircuitResult,
  StudyCase,
} from "@ampflux/contracts";
import type { EditorDocument } from "../editor/model/document.ts";
import type { DocumentPatch } from "./document-patch.ts";

/** A request as posted to the engine worker: its document as changes to the previous one's. */
export type WireRequest<R extends { document: EditorDocument }> = Omit<R, "document"> & {
  patch: DocumentPatch;
};

/**
 * The options of the live study: the fields of shortCircuitOptionsSchema the editor offers.
 * c_max/c_min unset: IEC 60909-0 Table 1 per voltage level.
 */
export interface LiveStudyOptions {
  fault: FaultType;
  case: StudyCase;
  kappa_method: "B" | "C";
  tmin_s: number;
  tk_s: number;
  /** IEC 60909-0 Table 1's low-voltage tolerance: +6 % (c_max 1.05) or +10 % (c_max 1.10). */
  lv_tolerance_percent: 6 | 10;
  c_max?: number | undefined;
  c_min?: number | undefined;
  duty: boolean;
  duty_current: DutyCurrent;
  /** IEEE 1584-2018 arc flash at every bus; the engine needs the 3-phase fault for it. */
  arc_flash: boolean;
  /** The arc duration cap (s); null: no cap. */
  arc_flash_max_duration_s: number | null;
  /** Pre-fault voltages: IEC 60909's c·Un/√3 or a load flow's (superposition method). */
  prefault_voltage: PrefaultVoltage;
  /** Fault impedance R + jX (ohm); unset: IEC 60909's bolted fault. */
  r_fault_ohm?: number | undefined;
  x_fault_ohm?: number | undefined;
  /** Fault buses (all when unset) and branch-end currents: the branch-current view of one bus. */
  buses?: string[] | undefined;
  branches?: boolean | undefined;
}

/** Main thread → engine worker. */
export interface EngineRequest {
  seq: number;
  document: EditorDocument;
  options: LiveStudyOptions;
  /** The company's types (built-ins are always known), so typed elements resolve as in the editor. */
  companyTypes: EquipmentType[];
}

/** Engine worker → main thread, for the request with the same seq. */
export type EngineResponse =
  | { seq: number; ok: true; result: ShortCircuitResult; excluded: string[]; ms: number }
  | { seq: number; ok: false; message: string; issues: NetworkIssue[]; excluded: string[] };

/** Main thread → engine worker: "why this number" for one bus of the live study. */
export interface ExplainEngineRequest {
  seq: number;
  document: EditorDocument;
  options: LiveStudyOptions;
  companyTypes: EquipmentType[];
  /** The bus to explain. */
  explain: string;
}

export type ExplainEngineResponse =
  | { seq: number; ok: true; explanation: BusResultExplanation }
  | { seq: number; ok: false; message: string; issues: NetworkIssue[]; excluded: string[] };
