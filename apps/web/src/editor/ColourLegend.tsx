import { DUTY_STATUSES } from "@ampflux/contracts";
import { formatKa } from "../lib/format.ts";
import { DUTY_COLOURS, DUTY_STATUS_LABELS } from "../results/duty.ts";

export type ColourBy = "current" | "duty";

interface Props {
  /** The largest Ik'' in the network (kA); 0: no results yet. */
  max: number;
  colourBy: ColourBy;
  /** Whether duty results exist to colour by (the selector shows only then). */
  dutyAvailable: boolean;
  onColourBy(mode: ColourBy): void;
}

/**
 * What the diagram's colours mean: Ik'' relative to the largest in the network, or each rated
 * element's worst duty status; with duty on, a selector between the two.
 */
export function ColourLegend({ max, colourBy, dutyAvailable, onColourBy }: Props) {
  const mode = dutyAvailable ? colourBy : "current";
  if (max <= 0 && mode === "current") return null;
  return (
    <figure className="colour-legend" aria-label="Colour scale" data-testid="colour-legend" data-mode={mode}>
      {dutyAvailable && (
        <select
          aria-label="Colour the diagram by"
          value={mode}
          onChange={(e) => onColourBy(e.target.value as ColourBy)}
        >
          <option value="current">fault current</option>
          <option value="duty">duty</option>
        </select>
      )}
      {mode === "current" ? (
        <>
          <span>Ik''</span>
          <span className="gradient" />
          <span>0 → {formatKa(max)} kA</span>
          <span className="swatch unfed" /> unfed
        </>
      ) : (
        DUTY_STATUSES.map((status) => (
          <span key={status} className="legend-item">
            <span className="swatch" style={{ background: DUTY_COLOURS[status] }} />{" "}
            {DUTY_STATUS_LABELS[status]}
          </span>
        ))
      )}
    </figure>
  );
}
