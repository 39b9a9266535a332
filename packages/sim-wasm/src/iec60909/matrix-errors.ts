// The sparse solver reports the matrix column it failed at ("value 0 in column 3 is not finite",
// "column 7 is numerically singular"). A column is a node of a sequence network's Ybus: this
// names its bus and the elements connected there, so the user learns which element to fix.

import { describeNetworkElement, type NetworkDocument } from "@ampflux/contracts";
import { SimError } from "../errors.ts";
import { energizedNodes } from "./admittance.ts";
import { ShortCircuitInputError } from "./errors.ts";
import { negativeSequence, type SequenceNetwork, type ShortCircuitModel } from "./model.ts";

const WHAT: Partial<Record<SimError["code"], string>> = {
  "non-finite": "an admittance is not finite (an impedance of zero or beyond any real value)",
  "numerically-singular": "the admittance matrix is singular (impedances cancel or are out of scale)",
  "structurally-singular": "the admittance matrix is singular (a bus without any connection)",
};

/** At most this many connected elements are listed. */
const LISTED = 8;

/** The elements of `network` at `node`: "line L3, transformer T1". */
function elementsAt(network: SequenceNetwork, node: number): string {
  const ids = [
    ...network.series.filter((s) => s.from === node || s.to === node).map((s) => `${s.kind} ${s.id}`),
    ...network.shunts.filter((s) => s.node === node && s.id !== undefined).map((s) => String(s.id)),
  ];
  const listed = ids.slice(0, LISTED).join(", ");
  return ids.length > LISTED ? `${listed} and ${ids.length - LISTED} more` : listed;
}

/**
 * Runs `solve` on the Ybus of `sequence` (matrix columns: energizedNodes over that network) and
 * turns a SimError about a column into a ShortCircuitInputError at the bus, path ["buses", i].
 */
export function namingBuses<T>(
  doc: NetworkDocument,
  model: ShortCircuitModel,
  sequence: "positive" | "negative" | "zero",
  solve: () => T,
): T {
  try {
    return solve();
  } catch (error) {
    if (!(error instanceof SimError) || error.column === undefined) throw error;
    const network = sequence === "negative" ? negativeSequence(model.positive) : model[sequence];
    // The negative sequence has the positive one's nodes (its sources are the same machines).
    const index = energizedNodes(
      sequence === "zero" ? network : model.positive,
      model.nodeCount,
      sequence !== "zero",
    );
    const node = index.indexOf(error.column);
    const busId = node >= 0 ? model.busOfNode[node] : undefined;
    const busIndex = doc.buses.findIndex((b) => b.id === busId);
    if (busIndex < 0) throw error;
    const bus = describeNetworkElement("buses", busIndex, doc.buses[busIndex]);
    const elements = elementsAt(network, node);
    throw new ShortCircuitInputError("the network cannot be solved", [
      {
        path: ["buses", busIndex],
        message: `${WHAT[error.code] ?? error.message} in the ${sequence}-sequence network at ${bus}${elements ? `: check ${elements}` : ""}`,
      },
    ]);
  }
}
