import type {
  LoadFlowLimits,
  LoadFlowResult,
  NetworkValidation,
  ShortCircuitResult,
} from "@ampflux/contracts";
import { loadFlowBadges } from "../../load-flow/decorations.ts";
import { ARC_FLASH_COLOURS, arcFlashBand } from "../../results/arc-flash.ts";
import { currentColour, maxCurrent, NEUTRAL_BADGE } from "../../results/colour.ts";
import { DUTY_COLOURS, worstByElement } from "../../results/duty.ts";
import type { ColourBy } from "../ColourLegend.tsx";
import type { EditorDocument } from "../model/document.ts";
import type { VisualDiff } from "../model/reducer.ts";
import { invalidIds } from "../properties/issues.ts";
import type { ArcFlashBadge, BusResultBadge, Decorations, DutyBadge } from "./types.ts";

/** A stored N-1 screening over the diagram: its worst-case map, or one outage's. */
export interface ScreeningDecorations {
  /** The worst-case map (colour by n1_worst), per bus. */
  worst: Map<string, BusResultBadge> | null;
  /** The chosen outage's own map (colour by n1_outage), per bus, and the branch it takes out. */
  outage: { id: string; badges: Map<string, BusResultBadge> } | null;
}

/**
 * What the diagram draws over the network: Ik'' badges coloured by current (neutral when coloured
 * by something else), each element's worst duty or each bus's incident energy when coloured by
 * those, or in load-flow mode each bus's voltage and each branch's loading; the version diff, and
 * what is left out or invalid.
 */
export function diagramDecorations(input: {
  result: ShortCircuitResult | null;
  /** The load flow and its limits, in load-flow mode (then `result` is null). */
  loadFlow?: { result: LoadFlowResult | null; limits: LoadFlowLimits } | null;
  mode: ColourBy;
  excluded: readonly string[];
  diff: VisualDiff | null;
  doc: EditorDocument;
  validation: NetworkValidation;
  /** A stored N-1 screening, shown in the n1_worst and n1_outage modes. */
  screening?: ScreeningDecorations | null;
}): Decorations {
  const { result, mode } = input;
  const buses = result?.buses ?? [];
  const max = maxCurrent(buses.map((b) => b.ikss_ka));
  const diff = new Map<string, "added" | "changed" | "removed">();
  for (const c of input.diff?.diff.added ?? []) diff.set(c.id, "added");
  for (const c of input.diff?.diff.changed ?? []) diff.set(c.id, "changed");
  const duty = new Map<string, DutyBadge>();
  if (mode === "duty")
    for (const [id, check] of worstByElement(result?.duty ?? []))
      duty.set(id, {
        status: check.status,
        percent: check.percent,
        check: check.check,
        colour: DUTY_COLOURS[check.status],
      });
  const arcFlash = new Map<string, ArcFlashBadge>();
  if (mode === "arc_flash")
    for (const r of result?.arc_flash ?? [])
      arcFlash.set(r.bus, {
        energyCalCm2: r.status === "ok" ? r.energy_cal_cm2 : null,
        status: r.status,
        colour: ARC_FLASH_COLOURS[arcFlashBand(r)],
        ppe: r.ppe,
      });
  // Coloured by something else, the Ik'' badges stay as figures but lose the current scale's colours.
  const badgeColour = (ikss: number | null) =>
    mode === "current" ? currentColour(ikss, max) : NEUTRAL_BADGE;
  const loadFlow = input.loadFlow ? loadFlowBadges(input.loadFlow.result, input.loadFlow.limits) : null;
  // A screening's map replaces the live badges: its figures are the stored study's, per bus.
  const screening =
    mode === "n1_worst"
      ? input.screening?.worst
      : mode === "n1_outage"
        ? input.screening?.outage?.badges
        : undefined;
  const outage = mode === "n1_outage" ? input.screening?.outage?.id : undefined;
  return {
    results:
      screening ??
      new Map(
        buses.map((b) => [
          b.bus,
          { ikssKa: b.fed ? b.ikss_ka : null, colour: badgeColour(b.fed ? b.ikss_ka : null) },
        ]),
      ),
    duty,
    arcFlash,
    loadFlowBuses: loadFlow?.buses ?? new Map(),
    loadFlowBranches: loadFlow?.branches ?? new Map(),
    diff,
    excluded: new Set(input.excluded),
    invalid: invalidIds(input.doc, input.validation),
    outaged: new Set(outage ? [outage] : []),
  };
}
