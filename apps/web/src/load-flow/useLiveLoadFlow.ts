import {
  type EquipmentType,
  engineLoadFlowOptions,
  type LoadFlowResult,
  type NetworkIssue,
} from "@ampflux/contracts";
import { useCallback, useEffect, useRef, useState } from "react";
import type { EditorDocument } from "../editor/model/document.ts";
import { LIVE_LOAD_FLOW_MAX_BUSES } from "../results/load-flow.ts";
import { type LiveLoadFlowOptions, validLoadFlowOptions } from "./options.ts";
import type { LoadFlowEngineRequest, LoadFlowEngineResponse } from "./protocol.ts";

export interface LiveLoadFlow {
  /** stale: a large network changed since its last run (it waits for Run). */
  status: "idle" | "computing" | "done" | "error" | "stale";
  result: LoadFlowResult | null;
  /** Elements left out because they are not connected or invalid. */
  excluded: string[];
  error: string | null;
  issues: NetworkIssue[];
  ms: number | null;
  /** Above LIVE_LOAD_FLOW_MAX_BUSES buses the load flow runs on demand, not on every edit. */
  onDemand: boolean;
  run(): void;
}

const DEBOUNCE_MS = 300;

/** Whether a network of this many buses is solved on every edit or on demand. */
export const solvesLive = (buses: number) => buses <= LIVE_LOAD_FLOW_MAX_BUSES;

type State = Omit<LiveLoadFlow, "onDemand" | "run">;
const IDLE: State = { status: "idle", result: null, excluded: [], error: null, issues: [], ms: null };

/**
 * The load flow of the editor's network in the engine's Web Worker (the same WASM engine and the
 * same ~300 ms debounce as the live short circuit) while `enabled`: on every edit for networks up
 * to LIVE_LOAD_FLOW_MAX_BUSES buses, on `run()` above that. Answers to superseded requests are
 * dropped. Options the contract refuses are not sent: the form shows why.
 */
export function useLiveLoadFlow(
  document: EditorDocument,
  options: LiveLoadFlowOptions,
  companyTypes: EquipmentType[],
  enabled: boolean,
): LiveLoadFlow {
  const worker = useRef<Worker | null>(null);
  const seq = useRef(0);
  const [state, setState] = useState<State>(IDLE);
  const onDemand = !solvesLive(document.buses.length);

  useEffect(() => {
    if (!enabled) return;
    const w = new Worker(new URL("../results/engine.worker.ts", import.meta.url), { type: "module" });
    w.onmessage = (event: MessageEvent<LoadFlowEngineResponse>) => {
      const response = event.data;
      if (response.seq !== seq.current) return;
      setState(
        response.ok
          ? { ...IDLE, status: "done", result: response.result, excluded: response.excluded, ms: response.ms }
          : {
              ...IDLE,
              status: "error",
              excluded: response.excluded,
              error: response.message,
              issues: response.issues,
            },
      );
    };
    w.onerror = (event) =>
      setState((s) => ({ ...s, status: "error", error: `the engine worker failed: ${event.message}` }));
    worker.current = w;
    return () => {
      w.terminate();
      worker.current = null;
      seq.current += 1; // whatever was in flight is superseded
    };
  }, [enabled]);

  const send = useCallback(() => {
    const valid = validLoadFlowOptions(options);
    seq.current += 1;
    if (!valid) {
      setState((s) => ({ ...s, status: "error", error: "an option is refused (see Load flow options)" }));
      return;
    }
    setState((s) => (s.status === "computing" ? s : { ...s, status: "computing" }));
    const request: LoadFlowEngineRequest = {
      study: "load_flow",
      seq: seq.current,
      document,
      options: engineLoadFlowOptions(valid),
      companyTypes,
    };
    worker.current?.postMessage(request);
  }, [document, options, companyTypes]);

  useEffect(() => {
    if (!enabled) return;
    if (onDemand) {
      // The last result stays on the diagram, marked as not of this network.
      setState((s) => (s.status === "computing" ? s : { ...s, status: s.result ? "stale" : "idle" }));
      return;
    }
    setState((s) => (s.status === "computing" ? s : { ...s, status: "computing" }));
    const timer = setTimeout(send, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [enabled, onDemand, send]);

  return { ...state, onDemand, run: send };
}
