import type { FaultType, NetworkIssue, ShortCircuitResult, StudyCase } from "@ampflux/contracts";
import type { EditorDocument } from "../editor/model/document.ts";

export interface LiveStudyOptions {
  fault: FaultType;
  case: StudyCase;
}

/** Main thread → engine worker. */
export interface EngineRequest {
  seq: number;
  document: EditorDocument;
  options: LiveStudyOptions;
}

/** Engine worker → main thread, for the request with the same seq. */
export type EngineResponse =
  | { seq: number; ok: true; result: ShortCircuitResult; excluded: string[]; ms: number }
  | { seq: number; ok: false; message: string; issues: NetworkIssue[]; excluded: string[] };
