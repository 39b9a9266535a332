/// <reference lib="webworker" />
// The IEC 60909 engine (WASM) off the main thread: the diagram stays smooth while it computes.

import { TypeLibrary } from "@ampflux/contracts";
import { loadSimCore, ShortCircuitInputError, type SimCore, ValidatedNetwork } from "@ampflux/sim-wasm";
import { runnablePart } from "../editor/model/runnable.ts";
import type { EngineRequest, EngineResponse } from "./protocol.ts";

declare const self: DedicatedWorkerGlobalScope;

let core: Promise<SimCore> | undefined;

function compute(request: EngineRequest, sim: SimCore): EngineResponse {
  const { seq } = request;
  const started = performance.now();
  const part = runnablePart(request.document, new TypeLibrary(request.companyTypes));
  if (!part.document || !part.validation) {
    const message = part.errors[0]?.message ?? "the network is invalid";
    return { seq, ok: false, message, issues: part.errors, excluded: part.excluded };
  }
  if (part.document.buses.length === 0)
    return { seq, ok: false, message: "no buses yet", issues: [], excluded: part.excluded };
  try {
    // runnablePart has validated the document: the engine does not do it again.
    const result = sim.shortCircuit(ValidatedNetwork.fromValidation(part.validation), request.options);
    return { seq, ok: true, result, excluded: part.excluded, ms: performance.now() - started };
  } catch (error) {
    const issues = error instanceof ShortCircuitInputError ? error.issues : [];
    const message = error instanceof Error ? error.message : String(error);
    return { seq, ok: false, message, issues, excluded: part.excluded };
  }
}

self.onmessage = async (event: MessageEvent<EngineRequest>) => {
  try {
    core ??= loadSimCore();
    self.postMessage(compute(event.data, await core));
  } catch (error) {
    core = undefined;
    const message = `the engine failed to load: ${error instanceof Error ? error.message : String(error)}`;
    self.postMessage({
      seq: event.data.seq,
      ok: false,
      message,
      issues: [],
      excluded: [],
    } satisfies EngineResponse);
  }
};
