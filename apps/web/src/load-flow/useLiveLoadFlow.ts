import {
  type EquipmentType,
  engineLoadFlowOptions,
  type LoadFlowResult,
  type NetworkIssue,
} from "@ampflux/contracts";
import { useCallback, useEffect, useRef, useState } from "react";
import type { EditorDocument } from "../editor/model/document.ts";
import { LIVE_LOAD_FLOW_MAX_BUSES } from "../results/load-flow.ts";
import { useEngineWorker } from "../results/useEngineWorker.ts";
import { DEBOUNCE_MS } from "../results/useLiveResults.ts";
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
  const [state, setState] = useState<State>(IDLE);
  const onDemand = !solvesLive(document.buses.length);
  // A run on demand answers for the document it was sent; edited since, its result is stale.
  const current = useRef({ document, sent: document, onDemand });
  current.current.document = document;
  current.current.onDemand = onDemand;
  const { post, supersede } = useEngineWorker<LoadFlowEngineRequest, LoadFlowEngineResponse>(
    enabled,
    (response) =>
      setState(
        response.ok
          ? {
              ...IDLE,
              status:
                current.current.onDemand && current.current.sent !== current.current.document
                  ? "stale"
                  : "done",
              result: response.result,
              excluded: response.excluded,
              ms: response.ms,
            }
          : {
              ...IDLE,
              status: "error",
              excluded: response.excluded,
              error: response.message,
              issues: response.issues,
            },
      ),
    (message) => setState((s) => ({ ...s, status: "error", error: message })),
  );

  const send = useCallback(() => {
    const valid = validLoadFlowOptions(options);
    if (!valid) {
      supersede();
      setState((s) => ({
        ...s,
        status: "error",
        error: "an option is refused (see the load flow's Options)",
      }));
      return;
    }
    setState((s) => (s.status === "computing" ? s : { ...s, status: "computing" }));
    current.current.sent = document;
    post({ study: "load_flow", document, options: engineLoadFlowOptions(valid), companyTypes });
  }, [document, options, companyTypes, post, supersede]);

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
