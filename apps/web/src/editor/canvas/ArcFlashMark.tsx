import { formatNumber } from "../../lib/format.ts";
import { ColourMark } from "./ColourMark.tsx";
import type { ArcFlashBadge } from "./types.ts";

/** A bus's incident energy next to its label (cal/cm²), or why it has none. */
export function ArcFlashMark({ id, arc }: { id: string; arc: ArcFlashBadge }) {
  return (
    <ColourMark
      testId={`arc-${id}`}
      colour={arc.colour}
      title={arc.ppe ?? `Arc flash: ${arc.status.replace("_", " ")}`}
    >
      {arc.energyCalCm2 === null ? arc.status.replace("_", " ") : `${formatNumber(arc.energyCalCm2)} cal/cm²`}
    </ColourMark>
  );
}
