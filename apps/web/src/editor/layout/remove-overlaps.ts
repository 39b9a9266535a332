// The force layout leaves a few boxes overlapping on large networks (collision is resolved
// iteratively, a few pairs at a time). This pass guarantees none: boxes are placed one by one,
// nearest the centre first, each at its own position when free, else at the nearest free spot on
// rings around it (a greedy placement, as in label-placement heuristics), found with a grid hash.

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const CELL = 400;
const STEP = 40;
const MAX_RINGS = 2_000;

class GridHash {
  private cells = new Map<string, Rect[]>();

  private keys(r: Rect): string[] {
    const keys: string[] = [];
    for (let cx = Math.floor(r.x / CELL); cx <= Math.floor((r.x + r.width) / CELL); cx++)
      for (let cy = Math.floor(r.y / CELL); cy <= Math.floor((r.y + r.height) / CELL); cy++)
        keys.push(`${cx},${cy}`);
    return keys;
  }

  hits(r: Rect): boolean {
    for (const key of this.keys(r))
      for (const o of this.cells.get(key) ?? [])
        if (r.x < o.x + o.width && o.x < r.x + r.width && r.y < o.y + o.height && o.y < r.y + r.height)
          return true;
    return false;
  }

  add(r: Rect): void {
    for (const key of this.keys(r)) {
      const cell = this.cells.get(key);
      if (cell) cell.push(r);
      else this.cells.set(key, [r]);
    }
  }
}

/**
 * Moves rectangles (in place) so that none overlaps another. `fixed` ones never move and are
 * placed first; the others keep their position when it is free.
 */
export function removeOverlaps(rects: Rect[], fixed: (r: Rect) => boolean = () => false): void {
  const grid = new GridHash();
  const cx = rects.reduce((s, r) => s + r.x, 0) / Math.max(1, rects.length);
  const cy = rects.reduce((s, r) => s + r.y, 0) / Math.max(1, rects.length);
  const order = [...rects].sort(
    (a, b) =>
      Number(fixed(b)) - Number(fixed(a)) || Math.hypot(a.x - cx, a.y - cy) - Math.hypot(b.x - cx, b.y - cy),
  );
  for (const r of order) {
    if (!fixed(r) && grid.hits(r)) {
      const { x, y } = r;
      search: for (let ring = 1; ring <= MAX_RINGS; ring++) {
        const d = ring * STEP;
        // The ring's points, 8·ring of them, from the top going clockwise.
        const n = 8 * ring;
        for (let k = 0; k < n; k++) {
          const angle = (2 * Math.PI * k) / n;
          r.x = Math.round(x + d * Math.sin(angle));
          r.y = Math.round(y - d * Math.cos(angle));
          if (!grid.hits(r)) break search;
        }
      }
    }
    grid.add(r);
  }
}
