/// <reference lib="webworker" />
// The WASM engine off the main thread (the IEC 60909 short circuit, or the load flow when the
// request says so): the diagram stays smooth while it computes.

import { type EquipmentType, explainOptionsOf, NetworkValidator, TypeLibrary } from "@ampflux/contracts";
import {
  LoadFlowInputError,
  loadSimCore,
  ShortCircuitInputError,
  type SimCore,
  ValidatedNetwork,
} from "@ampflux/sim-wasm";
import type { EditorDocument } from "../editor/model/document.ts";
import { runnablePart } from "../editor/model/runnable.ts";
import type { LoadFlowEngineRequest, LoadFlowEngineResponse } from "../load-flow/protocol.ts";
import { applyDocumentPatch } from "./document-patch.ts";
import type {
  EngineRequest,
  EngineResponse,
  ExplainEngineRequest,
  ExplainEngineResponse,
  WireRequest,
} from "./protocol.ts";

declare const self: DedicatedWorkerGlobalScope;

let core: Promise<SimCore> | undefined;
/** The document the main thread sent last: the next request says what changed since. */
let document: EditorDocument | null = null;
/** Validates each document again only where it differs from the last (the patches keep the rest). */
const validator = new NetworkValidator();
let library: { json: string; types: TypeLibrary } | undefined;

/** The company's types as a library, the same object while they are the same (the validator asks). */
function libraryOf(companyTypes: EquipmentType[]): TypeLibrary {
  const json = JSON.stringify(companyTypes);
  if (library?.json !== json) library = { json, types: new TypeLibrary(companyTypes) };
  return library.types;
}

type AnyRequest = EngineRequest | LoadFlowEngineRequest | ExplainEngineRequest;
type AnyResponse = EngineResponse | LoadFlowEngineResponse | ExplainEngineResponse;

function compute(request: AnyRequest, sim: SimCore): AnyResponse {
  const { seq } = request;
  const started = performance.now();
  const part = runnablePart(request.document, libraryOf(request.companyTypes), validator);
  if (!part.document || !part.validation) {
    const message = part.errors[0]?.message ?? "the network is invalid";
    return { seq, ok: false, message, issues: part.errors, excluded: part.excluded };
  }
  if (part.document.buses.length === 0)
    return { seq, ok: false, message: "no buses yet", issues: [], excluded: part.excluded };
  try {
    // runnablePart has validated the document: the engine does not do it again.
    const network = ValidatedNetwork.fromValidation(part.validation);
    const { excluded } = part;
    if ("explain" in request) {
      const explanation = sim.explainBusResult(network, explainOptionsOf(request.options), request.explain);
      return { seq, ok: true, explanation };
    }
    if ("study" in request) {
      const result = sim.loadFlow(network, request.options);
      return { seq, ok: true, result, excluded, ms: performance.now() - started };
    }
    const result = sim.shortCircuit(network, request.options);
    return { seq, ok: true, result, excluded, ms: performance.now() - started };
  } catch (error) {
    const inputError = error instanceof ShortCircuitInputError || error instanceof LoadFlowInputError;
    const issues = inputError ? error.issues : [];
    const message = error instanceof Error ? error.message : String(error);
    return { seq, ok: false, message, issues, excluded: part.excluded };
  }
}

self.onmessage = async (event: MessageEvent<WireRequest<AnyRequest>>) => {
  // Before anything awaits: the patches must be applied in the order they were sent.
  const { patch, ...rest } = event.data;
  document = applyDocumentPatch(document, patch);
  const request = { ...rest, document } as AnyRequest;
  try {
    core ??= loadSimCore();
    self.postMessage(compute(request, await core));
  } catch (error) {
    core = undefined;
    const message = `the engine failed to load: ${error instanceof Error ? error.message : String(error)}`;
    self.postMessage({
      seq: event.data.seq,
      ok: false,
      message,
      issues: [],
      excluded: [],
    } satisfies AnyResponse);
  }
};
