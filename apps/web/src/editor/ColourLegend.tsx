import { DUTY_STATUSES, type LoadFlowLimits } from "@ampflux/contracts";
import { formatKa } from "../lib/format.ts";
import { ARC_FLASH_BAND_LABELS, ARC_FLASH_BANDS, ARC_FLASH_COLOURS } from "../results/arc-flash.ts";
import { DUTY_COLOURS, DUTY_STATUS_LABELS } from "../results/duty.ts";
import { LOAD_FLOW_COLOURS, LOAD_FLOW_LEGEND, type LoadFlowBand } from "../results/load-flow.ts";

export type ColourBy = "current" | "duty" | "arc_flash" | "load_flow" | "n1_worst" | "n1_outage";

const MODE_LABELS: Record<ColourBy, string> = {
  current: "fault current",
  duty: "duty",
  arc_flash: "arc flash",
  load_flow: "load flow",
  n1_worst: "N-1 worst case",
  n1_outage: "N-1 outage",
};

/** Each band of the load-flow colouring with the limit it is judged by. */
function loadFlowBandLabel(band: LoadFlowBand, l: LoadFlowLimits): string {
  switch (band) {
    case "ok":
      return `within ${l.vm_min_pu}–${l.vm_max_pu} pu, ≤ ${l.loading_max_percent} %`;
    case "undervoltage":
      return `undervoltage < ${l.vm_min_pu} pu`;
    case "overvoltage":
      return `overvoltage > ${l.vm_max_pu} pu`;
    case "overload":
      return `overloaded > ${l.loading_max_percent} %`;
    case "none":
      return "unsupplied, no rating or not converged";
  }
}

/**
 * The mode the diagram shows: the chosen one when its results exist, else duty or arc flash
 * (whichever exists), else the fault current.
 */
export function effectiveColourBy(chosen: ColourBy, available: readonly ColourBy[]): ColourBy {
  if (available.includes(chosen)) return chosen;
  return available.find((m) => m !== "current") ?? "current";
}

interface Props {
  /** The largest Ik'' in the network (kA); 0: no results yet. */
  max: number;
  /** What the diagram is coloured by (effectiveColourBy). */
  mode: ColourBy;
  /** The modes with results to colour by; the selector shows when there is a choice. */
  available: readonly ColourBy[];
  onColourBy(mode: ColourBy): void;
  /** The limits of the load-flow colouring (load_flow mode). */
  limits?: LoadFlowLimits | undefined;
  /** The largest change from the intact network on the N-1 map shown (%), the scale's ends. */
  n1LargestChange?: number | undefined;
}

/**
 * What the diagram's colours mean: Ik'' relative to the largest in the network, each rated
 * element's worst duty status, each bus's PPE band by incident energy, or each bus's voltage and
 * branch's loading against the stated limits; a selector between those with results.
 */
export function ColourLegend({ max, mode, available, onColourBy, limits, n1LargestChange }: Props) {
  if (max <= 0 && mode === "current") return null;
  return (
    <figure className="colour-legend" aria-label="Colour scale" data-testid="colour-legend" data-mode={mode}>
      {available.length > 1 && (
        <select
          aria-label="Colour the diagram by"
          value={mode}
          onChange={(e) => onColourBy(e.target.value as ColourBy)}
        >
          {available.map((m) => (
            <option key={m} value={m}>
              {MODE_LABELS[m]}
            </option>
          ))}
        </select>
      )}
      {mode === "current" && (
        <>
          <span>Ik''</span>
          <span className="gradient" />
          <span>0 → {formatKa(max)} kA</span>
          <span className="swatch unfed" /> unfed
        </>
      )}
      {(mode === "n1_worst" || mode === "n1_outage") && (
        <>
          <span>
            {mode === "n1_worst" ? "worst Ik'' over the outages" : "Ik'' with the outage"}, change from
            intact:
          </span>
          <span className="gradient n1-change" />
          <span data-testid="n1-scale">± {(n1LargestChange ?? 0).toFixed(1)} %</span>
          <span className="swatch unfed" /> unfed
        </>
      )}
      {mode === "duty" &&
        DUTY_STATUSES.map((status) => (
          <LegendItem key={status} colour={DUTY_COLOURS[status]} label={DUTY_STATUS_LABELS[status]} />
        ))}
      {mode === "arc_flash" &&
        ARC_FLASH_BANDS.map((band) => (
          <LegendItem key={band} colour={ARC_FLASH_COLOURS[band]} label={ARC_FLASH_BAND_LABELS[band]} />
        ))}
      {mode === "load_flow" &&
        limits &&
        LOAD_FLOW_LEGEND.map((band) => (
          <LegendItem key={band} colour={LOAD_FLOW_COLOURS[band]} label={loadFlowBandLabel(band, limits)} />
        ))}
    </figure>
  );
}

function LegendItem({ colour, label }: { colour: string; label: string }) {
  return (
    <span className="legend-item">
      <span className="swatch" style={{ background: colour }} /> {label}
    </span>
  );
}
