// The per-unit load-flow model must be finite before it enters WASM: values within the schema's
// ranges can still overflow in per unit (an impedance of 1e-300 Ω becomes an admittance beyond
// any float). Rust would then say "branch 17 is not finite"; this names the element instead.

import { describeNetworkElement, type NetworkDocument, type NetworkIssue } from "@ampflux/contracts";
import type { BranchRef, LoadFlowModel } from "./build-model.ts";
import { LoadFlowInputError } from "./errors.ts";

const COLLECTION = {
  line: "lines",
  transformer: "transformers",
  transformer3w: "transformers3w",
  impedance: "impedances",
} as const;

const finite = Number.isFinite;
const finiteComplex = (z: { re: number; im: number }) => finite(z.re) && finite(z.im);

function branchIssue(doc: NetworkDocument, ref: BranchRef): NetworkIssue {
  const collection = COLLECTION[ref.kind];
  const index = doc[collection].findIndex((e) => e.id === ref.id);
  return {
    path: [collection, index],
    message: `${describeNetworkElement(collection, index, doc[collection][index])}: its per-unit admittance is not finite (impedance too small for its voltage and the 100 MVA base)`,
  };
}

/** Throws LoadFlowInputError naming each element whose per-unit values are not finite. */
export function checkFiniteModel(doc: NetworkDocument, model: LoadFlowModel): void {
  const issues: NetworkIssue[] = [];
  // Checked on every solve of tens of thousands of elements: no arrays per element, and the
  // node → bus map only built when a bus is to be named.
  model.branches.forEach((br, k) => {
    const ref = model.branchRefs[k];
    if (ref && !(finiteComplex(br.y) && finite(br.b) && finiteComplex(br.tFrom) && finiteComplex(br.tTo)))
      issues.push(branchIssue(doc, ref));
  });
  let busOfNode: Map<number, string> | undefined;
  model.buses.forEach((bus, node) => {
    const fine =
      finite(bus.p) && finite(bus.q) && finiteComplex(bus.yShunt) && finite(bus.vSet) && finite(bus.vaSet);
    if (fine) return;
    busOfNode ??= new Map([...model.nodeOfBus].map(([id, n]) => [n, id]));
    const index = doc.buses.findIndex((b) => b.id === busOfNode?.get(node));
    issues.push({
      path: ["buses", index],
      message: `${describeNetworkElement("buses", index, doc.buses[index])}: its injections or shunts are not finite in per unit`,
    });
  });
  if (issues.length > 0) throw new LoadFlowInputError("the network cannot be solved", issues);
}
