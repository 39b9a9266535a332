// The electrical nodes of a network document, shared by the short-circuit and load-flow models:
// one node per group of in-service buses joined by closed bus-bus switches (numbered in the
// order of each group's first bus), and the branch ends an open switch cuts off.

import { type Bus, DisjointSets, type Line, type NetworkDocument } from "@ampflux/contracts";

/** Shared by every model of the same buses and switches: read, never changed. */
export interface NetworkNodes {
  /** Per node, the first bus of its group (its nominal voltage is the node's). */
  readonly firstBus: readonly Bus[];
  /** Node of every in-service bus. */
  readonly nodeOfBus: ReadonlyMap<string, number>;
  /** Branch ends cut off by an open switch, as "element\nbus". */
  readonly openEnds: ReadonlySet<string>;
}

export const endKey = (element: string, bus: string) => `${element}\n${bus}`;

/** The node of `bus` as seen from `element`; undefined when out of service or switched off. */
export function terminalNode(nodes: NetworkNodes, element: string, bus: string): number | undefined {
  // No key string per branch end when nothing is switched open (most imported networks).
  if (nodes.openEnds.size > 0 && nodes.openEnds.has(endKey(element, bus))) return undefined;
  return nodes.nodeOfBus.get(bus);
}

/**
 * Per line, the nodes of its from and to ends (terminalNode; −1 for undefined), interleaved;
 * kept per lines array beside the nodes they were looked up in, as the nodes are kept per buses
 * and switches. Two map lookups per line were ~130 ms of each 200,000-bus model (~270,000 lines),
 * and every model of a network (each case, fault plan, load flow) looked them up again.
 */
const lineEndsOf = new WeakMap<NetworkNodes, WeakMap<readonly Line[], Int32Array>>();

export function lineEndNodes(doc: NetworkDocument, nodes: NetworkNodes): Int32Array {
  return keptFor(lineEndsOf, nodes, doc.lines, () => {
    const ends = new Int32Array(2 * doc.lines.length);
    doc.lines.forEach((line, k) => {
      ends[2 * k] = terminalNode(nodes, line.id, line.from_bus) ?? -1;
      ends[2 * k + 1] = terminalNode(nodes, line.id, line.to_bus) ?? -1;
    });
    return ends;
  });
}

/** The value kept for the pair (a, b), made by `make` the first time. */
function keptFor<A extends object, B extends object, V>(
  kept: WeakMap<A, WeakMap<B, V>>,
  a: A,
  b: B,
  make: () => V,
): V {
  let byB = kept.get(a);
  if (!byB) {
    byB = new WeakMap();
    kept.set(a, byB);
  }
  let value = byB.get(b);
  if (value === undefined) {
    value = make();
    byB.set(b, value);
  }
  return value;
}

/**
 * The nodes of each pair of bus and switch arrays already numbered. A study's document is a
 * validated copy whose arrays nothing changes in place, and its variants (N-1 outages, the
 * editor's next study of the same version) share the arrays they leave alone: repeated studies of
 * a network then number its buses once (~60 ms of each 200,000-bus study, ~1.5 ms at 9,241).
 */
const numbered = new WeakMap<readonly Bus[], WeakMap<NetworkDocument["switches"], NetworkNodes>>();

export function networkNodes(doc: NetworkDocument): NetworkNodes {
  return keptFor(numbered, doc.buses, doc.switches, () => numberNodes(doc));
}

function numberNodes(doc: NetworkDocument): NetworkNodes {
  // The live set only matters for bus couplers: built on the first switch (most large imported
  // networks have none).
  let live: Set<string> | undefined;
  const coupled = new DisjointSets();
  const openEnds = new Set<string>();
  let couplings = 0;
  for (const sw of doc.switches) {
    if (sw.element_type === "bus") {
      live ??= new Set(doc.buses.filter((b) => b.in_service).map((b) => b.id));
      if (sw.closed && live.has(sw.bus) && live.has(sw.element)) {
        coupled.union(sw.bus, sw.element);
        couplings++;
      }
    } else if (!sw.closed) {
      openEnds.add(endKey(sw.element, sw.bus));
    }
  }
  const firstBus: Bus[] = [];
  const nodeOfBus = new Map<string, number>();
  const nodeOfRoot = new Map<string, number>();
  for (const bus of doc.buses) {
    if (!bus.in_service) continue;
    // Without closed bus couplers every bus is its own group: no lookups of the group's root.
    if (couplings === 0) {
      nodeOfBus.set(bus.id, firstBus.push(bus) - 1);
      continue;
    }
    const root = coupled.find(bus.id);
    let node = nodeOfRoot.get(root);
    if (node === undefined) {
      node = firstBus.push(bus) - 1;
      nodeOfRoot.set(root, node);
    }
    nodeOfBus.set(bus.id, node);
  }
  return { firstBus, nodeOfBus, openEnds };
}
