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
