import type { EquipmentType, LoadFlowResult, NetworkIssue, ParsedLoadFlowOptions } from "@ampflux/contracts";
import type { EditorDocument } from "../editor/model/document.ts";

/** Main thread → engine worker (results/engine.worker.ts): a load flow of the editor's network. */
export interface LoadFlowEngineRequest {
  study: "load_flow";
  seq: number;
  document: EditorDocument;
  options: ParsedLoadFlowOptions;
  /** The company's types, so typed elements resolve as in the editor. */
  companyTypes: EquipmentType[];
}

/** Engine worker → main thread. Non-convergence is an ok answer (result.converged false). */
export type LoadFlowEngineResponse =
  | { seq: number; ok: true; result: LoadFlowResult; excluded: string[]; ms: number }
  | { seq: number; ok: false; message: string; issues: NetworkIssue[]; excluded: string[] };
