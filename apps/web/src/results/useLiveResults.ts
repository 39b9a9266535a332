import type { EquipmentType, NetworkIssue, ShortCircuitResult } from "@ampflux/contracts";
import { useCallback, useEffect, useRef, useState } from "react";
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
 * without a result. With `onDocument` (the editor's, EditorContext), an edit after a quiet spell
 * is sent the moment it is made, so the worker computes while the page redraws.
 */
export function useLiveResults(
  document: EditorDocument,
  options: LiveStudyOptions,
  companyTypes: EquipmentType[],
  enabled = true,
  onDocument?: (listener: (doc: EditorDocument) => void) => () => void,
): LiveResults {
  const [state, setState] = useState<LiveResults>(IDLE);
  const lastChange = useRef(Number.NEGATIVE_INFINITY);
  /** What was sent last, so that the render after an edit sent early does not send it again. */
  const sent = useRef<Omit<EngineRequest, "seq"> | null>(null);
  const latest = useRef({ options, companyTypes, enabled });
  latest.current = { options, companyTypes, enabled };
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

  const send = useCallback(
    (request: Omit<EngineRequest, "seq">) => {
      sent.current = request;
      post(request);
    },
    [post],
  );

  // An edit after a quiet spell, straight from the editor's dispatch (before the page redraws).
  useEffect(() => {
    if (!onDocument) return;
    return onDocument((doc) => {
      const { enabled, options, companyTypes } = latest.current;
      const now = performance.now();
      if (!enabled || now - lastChange.current <= DEBOUNCE_MS) return; // the effect below debounces
      lastChange.current = now;
      send({ document: doc, options, companyTypes });
    });
  }, [onDocument, send]);

  useEffect(() => {
    if (!enabled) {
      setState((s) => (s.status === "idle" && s.result === null ? s : { ...IDLE }));
      return;
    }
    setState((s) => (s.status === "computing" ? s : { ...s, status: "computing" }));
    const last = sent.current;
    if (last?.document === document && last.options === options && last.companyTypes === companyTypes) return;
    // The first change after a quiet spell (opening, one edit) goes to the engine at once; changes
    // following it closely (typing a value) wait until DEBOUNCE_MS pass without another.
    const now = performance.now();
    const quiet = now - lastChange.current > DEBOUNCE_MS;
    lastChange.current = now;
    const timer = setTimeout(() => send({ document, options, companyTypes }), quiet ? 0 : DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [document, options, companyTypes, send, enabled]);

  return state;
}
