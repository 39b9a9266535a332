// Zero-sequence data assumed for elements that give none (IEC 60909-0 needs Z(0) for earth
// faults): said once per kind of assumption, not once per element. A MATPOWER case has no
// zero-sequence data at all, so case9241pegase's earth-fault studies said it 16,049 times —
// 1.5 MB of each result, a list of 16,049 items in the editor's results panel, and the model's
// allocations. An assumption made for a single element keeps its precise path.

import type { NetworkDocument, NetworkIssue } from "@ampflux/contracts";
import { listedIds } from "./star-points.ts";

/** The document collections whose elements may lack zero-sequence data. */
type Collection = "lines" | "transformers" | "transformers3w" | "impedances";

interface Assumption {
  collection: Collection;
  field: string;
  message: string;
  /** Indices into the collection, in document order. */
  elements: number[];
}

export class ZeroSequenceAssumptions {
  readonly #byKind = new Map<string, Assumption>();

  /** `message` assumed for element `index` of `collection`, whose `field` is not given. */
  add(collection: Collection, index: number, field: string, message: string): void {
    const key = `${collection}\u0000${field}\u0000${message}`;
    let assumption = this.#byKind.get(key);
    if (!assumption) {
      assumption = { collection, field, message, elements: [] };
      this.#byKind.set(key, assumption);
    }
    assumption.elements.push(index);
  }

  /** One warning per assumption: the element's path when one element, else the ids of all. */
  warnings(doc: NetworkDocument): NetworkIssue[] {
    return [...this.#byKind.values()].map(({ collection, field, message, elements }) => {
      const [only] = elements;
      if (elements.length === 1 && only !== undefined) return { path: [collection, only, field], message };
      const ids = elements.map((k) => doc[collection][k]?.id ?? String(k));
      return {
        path: [collection],
        message: `${message} for ${elements.length} ${collection} without ${field}: ${listedIds(ids)}`,
      };
    });
  }
}
