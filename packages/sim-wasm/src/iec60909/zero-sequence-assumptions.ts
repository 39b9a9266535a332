// Zero-sequence data assumed for elements that give none (IEC 60909-0 needs Z(0) for earth
// faults): said once per kind of assumption, not once per element. A MATPOWER case has no
// zero-sequence data at all, so case9241pegase's earth-fault studies said it 16,049 times —
// 1.5 MB of each result, a list of 16,049 items in the editor's results panel, and the model's
// allocations. An assumption made for a single element keeps its precise path.

import type { NetworkDocument, NetworkIssue } from "@ampflux/contracts";
import { listedIds } from "./star-points.ts";

/** The document collections whose elements may lack zero-sequence data. */
type Collection = "lines" | "transformers" | "transformers3w" | "impedances";

/** One kind of assumption: what is assumed when `field` of an element of `collection` is missing. */
export interface ZeroSequenceAssumption {
  readonly collection: Collection;
  readonly field: string;
  readonly message: string;
}

/** Made once, at module level: add() finds a kind by identity, no key built per element. */
export const zeroSequenceAssumption = (
  collection: Collection,
  field: string,
  message: string,
): ZeroSequenceAssumption => Object.freeze({ collection, field, message });

export class ZeroSequenceAssumptions {
  /** Indices into each kind's collection, in document order. */
  readonly #elements = new Map<ZeroSequenceAssumption, number[]>();

  /** `kind` assumed for element `index` of its collection. */
  add(kind: ZeroSequenceAssumption, index: number): void {
    const elements = this.#elements.get(kind);
    if (elements) elements.push(index);
    else this.#elements.set(kind, [index]);
  }

  /** One warning per kind: the element's path when one element, else the ids of all. */
  warnings(doc: NetworkDocument): NetworkIssue[] {
    return [...this.#elements].map(([{ collection, field, message }, elements]) => {
      const [only] = elements;
      if (elements.length === 1 && only !== undefined) return { path: [collection, only, field], message };
      // listedIds writes ten and "…": eleven tell it there are more.
      const ids = elements.slice(0, 11).map((k) => doc[collection][k]?.id ?? String(k));
      return {
        path: [collection],
        message: `${message} for ${elements.length} ${collection} without ${field}: ${listedIds(ids)}`,
      };
    });
  }
}
