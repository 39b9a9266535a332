import type { NetworkDocument } from "./document.ts";
import { describeElement, type Finding } from "./issues.ts";
import { type AnyElement, ELEMENT_COLLECTIONS, elementsOf } from "./topology.ts";

/** Where each id is first used: [collection, index]. */
function firstUses(doc: NetworkDocument) {
  const uses = new Map<string, [collection: (typeof ELEMENT_COLLECTIONS)[number], index: number]>();
  for (const collection of ELEMENT_COLLECTIONS) {
    elementsOf(doc, collection).forEach((element, index) => {
      if (!uses.has(element.id)) uses.set(element.id, [collection, index]);
    });
  }
  return uses;
}

/** Results are keyed by id, so an id may appear only once in the whole document. */
export function duplicateIds(doc: NetworkDocument): Finding[] {
  // Only a set of ids: where a duplicate was first used is mapped once there is one (most
  // documents have none; a description, or even a [collection, index] pair, per element was a
  // visible share of validating 40,000 of them in a one-shot run).
  const seen = new Set<string>();
  let uses: ReturnType<typeof firstUses> | undefined;
  const findings: Finding[] = [];
  for (const collection of ELEMENT_COLLECTIONS) {
    const elements = elementsOf(doc, collection);
    for (let index = 0; index < elements.length; index++) {
      const id = (elements[index] as AnyElement).id;
      // One hash lookup per id: the set grows unless the id is already in it.
      const size = seen.size;
      if (seen.add(id).size > size) continue;
      uses ??= firstUses(doc);
      const [firstCollection, firstIndex] = uses.get(id) ?? [collection, index];
      findings.push({
        severity: "error",
        path: [collection, index, "id"],
        message: `duplicate id "${id}" (first used by ${describeElement(firstCollection, firstIndex)})`,
      });
    }
  }
  return findings;
}
