// Bridges of a network graph (edges whose removal splits an island), with what each side holds.
// Tarjan's depth-first search with low-links (R. E. Tarjan, "A note on finding the bridges of a
// graph", Inf. Process. Lett. 2(6), 1974), iterative so 200,000-node networks do not overflow
// the stack. Parallel edges are distinct edges: only the edge a node was reached by is skipped,
// so two parallel branches are never bridges.

export interface GraphEdges {
  from: Int32Array;
  to: Int32Array;
}

export interface Bridges {
  /** Preorder number of each node; a subtree is the preorder range [pre, end). */
  pre: Int32Array;
  end: Int32Array;
  /** The root of each node's island (its preorder range is the island's). */
  root: Int32Array;
  /** Per edge: the node on the subtree side if the edge is a bridge, else −1. */
  bridgeChild: Int32Array;
  /** Per node: the weights summed over its subtree (the root's: over its island). */
  subtreeSum: Float64Array[];
}

/** `weights`: per-node quantities to sum over subtrees (e.g. feeding sources, any shunt). */
export function findBridges(n: number, edges: GraphEdges, weights: Float64Array[]): Bridges {
  const m = edges.from.length;
  // Adjacency in CSR form: per node its incident edges.
  const degree = new Int32Array(n + 1);
  const bump = (a: Int32Array, k: number): number => {
    const value = a[k] ?? 0;
    a[k] = value + 1;
    return value;
  };
  for (let e = 0; e < m; e++) {
    bump(degree, (edges.from[e] ?? 0) + 1);
    bump(degree, (edges.to[e] ?? 0) + 1);
  }
  for (let k = 0; k < n; k++) degree[k + 1] = (degree[k + 1] ?? 0) + (degree[k] ?? 0);
  const incident = new Int32Array(2 * m);
  const fill = degree.slice(0, n);
  for (let e = 0; e < m; e++) {
    incident[bump(fill, edges.from[e] ?? 0)] = e;
    incident[bump(fill, edges.to[e] ?? 0)] = e;
  }

  const pre = new Int32Array(n).fill(-1);
  const end = new Int32Array(n);
  const low = new Int32Array(n);
  const root = new Int32Array(n);
  const bridgeChild = new Int32Array(m).fill(-1);
  const subtreeSum = weights.map((w) => Float64Array.from(w));
  const stackNode = new Int32Array(n);
  const stackEdge = new Int32Array(n);
  const cursor = new Int32Array(n);
  let counter = 0;
  for (let start = 0; start < n; start++) {
    if (pre[start] !== -1) continue;
    let top = 0;
    stackNode[0] = start;
    stackEdge[0] = -1;
    pre[start] = low[start] = counter++;
    cursor[start] = degree[start] ?? 0;
    root[start] = start;
    while (top >= 0) {
      const v = stackNode[top] ?? 0;
      const via = stackEdge[top] ?? -1;
      if ((cursor[v] ?? 0) < (degree[v + 1] ?? 0)) {
        const e = incident[bump(cursor, v)] ?? 0;
        if (e === via) continue;
        const w = edges.from[e] === v ? (edges.to[e] ?? 0) : (edges.from[e] ?? 0);
        if (pre[w] === -1) {
          pre[w] = low[w] = counter++;
          cursor[w] = degree[w] ?? 0;
          root[w] = start;
          top++;
          stackNode[top] = w;
          stackEdge[top] = e;
        } else if ((pre[w] ?? 0) < (low[v] ?? 0)) {
          low[v] = pre[w] ?? 0;
        }
        continue;
      }
      // v is finished: its subtree is the preorder range [pre[v], counter).
      end[v] = counter;
      top--;
      if (top < 0) break;
      const parent = stackNode[top] ?? 0;
      if ((low[v] ?? 0) < (low[parent] ?? 0)) low[parent] = low[v] ?? 0;
      if ((low[v] ?? 0) > (pre[parent] ?? 0)) bridgeChild[via] = v;
      for (const sum of subtreeSum) sum[parent] = (sum[parent] ?? 0) + (sum[v] ?? 0);
    }
  }
  return { pre, end, root, bridgeChild, subtreeSum };
}
