import { formatKa } from "../lib/format.ts";

/** What the bus badge colours mean: Ik'' relative to the largest in the network. */
export function ColourLegend({ max }: { max: number }) {
  if (max <= 0) return null;
  return (
    <figure className="colour-legend" aria-label="Colour scale">
      <span>Ik''</span>
      <span className="gradient" />
      <span>0 → {formatKa(max)} kA</span>
      <span className="swatch unfed" /> unfed
    </figure>
  );
}
