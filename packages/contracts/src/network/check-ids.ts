import type { NetworkDocument } from "./document.ts";
import { describeElement, type Finding } from "./issues.ts";
import { ELEMENT_COLLECTIONS, elementsOf } from "./topology.ts";

/** Results are keyed by id, so an id may appear only once in the whole document. */
export function duplicateIds(doc: NetworkDocument): Finding[] {
  const firstUse = new Map<string, string>();
  const findings: Finding[] = [];
  for (const collection of ELEMENT_COLLECTIONS) {
    elementsOf(doc, collection).forEach((element, index) => {
      const first = firstUse.get(element.id);
      if (first === undefined) {
        firstUse.set(element.id, describeElement(collection, index));
        return;
      }
      findings.push({
        severity: "error",
        path: [collection, index, "id"],
        message: `duplicate id "${element.id}" (first used by ${first})`,
      });
    });
  }
  return findings;
}
