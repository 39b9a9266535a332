// Synthetic grid-like topologies for scaling benchmarks. Real transmission grids are sparse,
// nearly planar and close to trees (≈1.35 branches per bus); this mimics them with a random
// spanning tree of a square lattice plus 35 % of the remaining lattice edges.

/** mulberry32: a small deterministic PRNG, so every run benchmarks the same network. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The branches (bus index pairs) of an n-bus grid-like network; `random` is advanced by it. */
export function gridLikeBranches(n: number, random: () => number): [number, number][] {
  const side = Math.ceil(Math.sqrt(n));
  const edges: [number, number][] = [];
  for (let b = 0; b < n; b++) {
    if ((b % side) + 1 < side && b + 1 < n) edges.push([b, b + 1]);
    if (b + side < n) edges.push([b, b + side]);
  }
  for (let k = edges.length - 1; k > 0; k--) {
    const r = Math.floor(random() * (k + 1));
    [edges[k], edges[r]] = [edges[r] as [number, number], edges[k] as [number, number]];
  }
  // Kruskal on shuffled edges: tree edges always, the others with probability 0.35.
  const root = Int32Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    let r = i;
    while (root[r] !== r) r = root[r] as number;
    while (root[i] !== r) [i, root[i]] = [root[i] as number, r];
    return r;
  };
  const kept: [number, number][] = [];
  for (const [f, t] of edges) {
    const rf = find(f);
    const rt = find(t);
    if (rf === rt && random() >= 0.35) continue;
    root[rf] = rt;
    kept.push([f, t]);
  }
  return kept;
}
