import { DisjointSets } from "./disjoint-sets.ts";
import type { NetworkDocument } from "./document.ts";
import { BRANCH_COLLECTIONS, elementsOf, terminalsOf } from "./topology.ts";

/**
 * In-service buses in no island with a source, in document order. An island is fed when it holds
 * an in-service external grid, generator or static generator; motors only contribute to a fault
 * that something else feeds, so an island with motors alone is unfed. Islands are formed by
 * in-service branches (minus ends behind open switches) and closed bus-bus switches.
 */
export function busesWithoutSource(doc: NetworkDocument): string[] {
  const live = new Set(doc.buses.filter((bus) => bus.in_service).map((bus) => bus.id));
  const islands = new DisjointSets();
  const openEnds = new Set<string>();
  for (const sw of doc.switches) {
    if (sw.element_type === "bus") {
      if (sw.closed && live.has(sw.bus) && live.has(sw.element)) islands.union(sw.bus, sw.element);
    } else if (!sw.closed) {
      openEnds.add(`${sw.element}\n${sw.bus}`);
    }
  }
  for (const collection of BRANCH_COLLECTIONS) {
    for (const branch of elementsOf(doc, collection)) {
      if (!branch.in_service) continue;
      const ends = terminalsOf(collection, branch).filter(
        (bus) => live.has(bus) && !openEnds.has(`${branch.id}\n${bus}`),
      );
      for (const bus of ends.slice(1)) islands.union(ends[0] ?? bus, bus);
    }
  }
  const fed = new Set<string>();
  for (const source of [...doc.external_grids, ...doc.generators, ...doc.static_generators]) {
    if (source.in_service && live.has(source.bus)) fed.add(islands.find(source.bus));
  }
  return doc.buses.filter((bus) => bus.in_service && !fed.has(islands.find(bus.id))).map((bus) => bus.id);
}
