import type { NetworkDocument } from "./document.ts";
import { describeElement, type Finding } from "./issues.ts";
import { ELEMENT_COLLECTIONS, elementsOf } from "./topology.ts";

/** Results are keyed by id, so an id may appear only once in the whole document. */
export function duplicateIds(doc: NetworkDocument): Finding[] {
  // Where each id was first used; described only for a duplicate (most documents have none,
  // and building a description per element was a visible share of validating 40,000 of them).
  const firstUse = new Map<string, [collection: (typeof ELEMENT_COLLECTIONS)[number], index: number]>();
  const findings: Finding[] = [];
  for (const collection of ELEMENT_COLLECTIONS) {
    elementsOf(doc, collection).forEach((element, index) => {
      const first = firstUse.get(element.id);
      if (first === undefined) {
        firstUse.set(element.id, [collection, index]);
        return;
      }
      findings.push({
        severity: "error",
        path: [collection, index, "id"],
        message: `duplicate id "${element.id}" (first used by ${describeElement(...first)})`,
      });
    });
  }
  return findings;
}
