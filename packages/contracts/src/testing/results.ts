import { isLoadFlowResult, type LoadFlowResult } from "../load-flow.ts";
import {
  type BatchStudyResult,
  isBatchStudyResult,
  isShortCircuitResult,
  type ShortCircuitResult,
  type StudyResult,
} from "../short-circuit.ts";

/** A stored study result that a test expects to be a short-circuit study's; throws otherwise. */
export function shortCircuitResultOf(result: StudyResult | null): ShortCircuitResult {
  if (!result || !isShortCircuitResult(result)) throw new Error("expected a short-circuit result");
  return result;
}

/** A stored study result that a test expects to be a batch study's; throws otherwise. */
export function batchStudyResultOf(result: StudyResult | null): BatchStudyResult {
  if (!result || !isBatchStudyResult(result)) throw new Error("expected a batch study result");
  return result;
}

/** A stored study result that a test expects to be a load flow's; throws otherwise. */
export function loadFlowResultOf(result: StudyResult | null): LoadFlowResult {
  if (!result || !isLoadFlowResult(result)) throw new Error("expected a load-flow result");
  return result;
}
