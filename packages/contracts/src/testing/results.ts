import {
  type BatchStudyResult,
  isBatchStudyResult,
  type ShortCircuitResult,
  type StudyResult,
} from "../short-circuit.ts";

/** A stored study result that a test expects to be a short-circuit study's; throws otherwise. */
export function shortCircuitResultOf(result: StudyResult | null): ShortCircuitResult {
  if (!result || isBatchStudyResult(result)) throw new Error("expected a short-circuit result");
  return result;
}

/** A stored study result that a test expects to be a batch study's; throws otherwise. */
export function batchStudyResultOf(result: StudyResult | null): BatchStudyResult {
  if (!result || !isBatchStudyResult(result)) throw new Error("expected a batch study result");
  return result;
}
