import { ColourMark } from "./ColourMark.tsx";
import type { DutyBadge } from "./types.ts";

/** An element's worst duty next to its label: percent of the rating, or "missing rating". */
export function DutyMark({ id, duty }: { id: string; duty: DutyBadge }) {
  const text = duty.percent === null ? duty.status : `${duty.percent.toFixed(0)} % ${duty.status}`;
  return (
    <ColourMark testId={`duty-${id}`} colour={duty.colour} title={`Worst duty check: ${duty.check}`}>
      {text}
    </ColourMark>
  );
}
