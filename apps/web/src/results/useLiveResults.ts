import type { EquipmentType, NetworkIssue, ShortCircuitResult } from "@ampflux/contracts";
import { useEffect, useRef, useState } from "react";
import type { EditorDocument } from "../editor/model/document.ts";
import type { EngineRequest, EngineResponse, LiveStudyOptions } from "./protocol.ts";

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

const DEBOUNCE_MS = 300;

/**
 * Short-circuit results of the editor's network, computed in a Web Worker ~300 ms after the
 * last edit. Answers to superseded requests are dropped.
 */
export function useLiveResults(
  document: EditorDocument,
  options: LiveStudyOptions,
  companyTypes: EquipmentType[],
): LiveResults {
  const worker = useRef<Worker | null>(null);
  const seq = useRef(0);
  const [state, setState] = useState<LiveResults>({
    status: "idle",
    result: null,
    excluded: [],
    error: null,
    issues: [],
    ms: null,
  });

  useEffect(() => {
    const w = new Worker(new URL("./engine.worker.ts", import.meta.url), { type: "module" });
    w.onmessage = (event: MessageEvent<EngineResponse>) => {
      const response = event.data;
      if (response.seq !== seq.current) return;
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
      );
    };
    w.onerror = (event) =>
      setState((s) => ({ ...s, status: "error", error: `the engine worker failed: ${event.message}` }));
    worker.current = w;
    return () => {
      w.terminate();
      worker.current = null;
    };
  }, []);

  useEffect(() => {
    setState((s) => (s.status === "computing" ? s : { ...s, status: "computing" }));
    const timer = setTimeout(() => {
      seq.current += 1;
      const request: EngineRequest = { seq: seq.current, document, options, companyTypes };
      worker.current?.postMessage(request);
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [document, options, companyTypes]);

  return state;
}
