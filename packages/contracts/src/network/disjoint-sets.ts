/** Union-find over string keys with path halving; a key without a parent is a root. */
export class DisjointSets {
  readonly #parent = new Map<string, string>();

  find(key: string): string {
    let node = key;
    for (;;) {
      const parent = this.#parent.get(node);
      if (parent === undefined) return node;
      const grandparent = this.#parent.get(parent);
      if (grandparent !== undefined) this.#parent.set(node, grandparent);
      node = grandparent ?? parent;
    }
  }

  union(a: string, b: string): void {
    const rootA = this.find(a);
    const rootB = this.find(b);
    if (rootA !== rootB) this.#parent.set(rootA, rootB);
  }
}

/**
 * Union-find over the integers 0 … size−1 (matrix nodes), with path halving: the same structure
 * as DisjointSets on a typed array, for the engine's node islands where string keys would cost a
 * string and a map entry per node.
 */
export class IndexDisjointSets {
  readonly #parent: Int32Array;

  /** `parent`: the array to keep the sets in (size entries, overwritten), e.g. a reused one. */
  constructor(size: number, parent: Int32Array = new Int32Array(size)) {
    this.#parent = parent;
    for (let k = 0; k < size; k++) this.#parent[k] = k;
  }

  find(key: number): number {
    const parent = this.#parent;
    let node = key;
    for (;;) {
      const up = parent[node] ?? node;
      if (up === node) return node;
      const grandparent = parent[up] ?? up;
      parent[node] = grandparent;
      node = grandparent;
    }
  }

  union(a: number, b: number): void {
    const rootA = this.find(a);
    const rootB = this.find(b);
    if (rootA !== rootB) this.#parent[rootA] = rootB;
  }
}
