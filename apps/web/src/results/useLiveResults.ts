import type { EquipmentType, NetworkIssue, ShortCircuitResult } from "@ampflux/contracts";
import { useEffect, useRef, useState } from "react";
import type { EditorDocument } from "../editor/model/document.ts";
import type { EngineRequest, EngineResponse, LiveStudyOptions } from "./protocol.ts";
import { useEngineWorker } from "./useEngineWorker.ts";

export interface LiveResults {
  status: "idle" | "computing" | "done" | "error";
  result: ShortCircuitResult | null;
  /** Elements left out because they are not connected or invalid. */
  excluded: string[];
  error: string | null;
  /** The engine's refusals by path: into the document, or into the options (e.g. ["duty"]). */
  issues: NetworkIssue[];
  ms: number | null;
}

const IDLE: LiveResults = { status: "idle", result: null, excluded: [], error: null, issues: [], ms: null };

/**
 * Quiet time before the engine runs after an edit that closely followed another (the load flow
 * waits this long after every edit).
 */
export const DEBOUNCE_MS = 300;

/**
 * Short-circuit results of the editor's network, computed in a Web Worker at once after an edit
 * that follows a quiet spell, else ~300 ms after the last of a quick series. Answers to
 * superseded requests are dropped. While not `enabled` no worker runs and the state is idle,
 * without a result.
 */
export function useLiveResults(
  document: EditorDocument,
  options: LiveStudyOptions,
  companyTypes: EquipmentType[],
  enabled = true,
): LiveResults {
  const [state, setState] = useState<LiveResults>(IDLE);
  const lastChange = useRef(Number.NEGATIVE_INFINITY);
  const { post } = useEngineWorker<EngineRequest, EngineResponse>(
    enabled,
    (response) =>
      setState(
        response.ok
          ? {
              status: "done",
              result: response.result,
              excluded: response.excluded,
              error: null,
              issues: [],
              ms: response.ms,
            }
          : {
              status: "error",
              result: null,
              excluded: response.excluded,
              error: response.message,
              issues: response.issues,
              ms: null,
            },
      ),
    (message) => setState((s) => ({ ...s, status: "error", error: message })),
  );

  useEffect(() => {
    if (!enabled) {
      setState((s) => (s.status === "idle" && s.result === null ? s : { ...IDLE }));
      return;
    }
    setState((s) => (s.status === "computing" ? s : { ...s, status: "computing" }));
    // The first change after a quiet spell (opening, one edit) goes to the engine at once; changes
    // following it closely (typing a value) wait until DEBOUNCE_MS pass without another.
    const now = performance.now();
    const quiet = now - lastChange.current > DEBOUNCE_MS;
    lastChange.current = now;
    const timer = setTimeout(() => post({ document, options, companyTypes }), quiet ? 0 : DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [document, options, companyTypes, post, enabled]);

  return state;
}
