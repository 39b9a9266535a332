// What an arc-flash label says, from one bus's result and the study it came from. Renderers
// (SVG, PDF) draw this; they decide nothing about content.

import { approachBoundaries } from "./ppe.ts";
import type { ArcFlashResult } from "./results.ts";

export interface ArcFlashLabelStudy {
  project: string;
  /** Network name and version, e.g. "Plant A v12". */
  network: string;
  /** ISO date of the study. */
  study_date: string;
}

export interface ArcFlashLabel {
  bus: string;
  /** Bus name where it has one. */
  title: string;
  hazard: "warning" | "danger";
  /** Header text, e.g. "WARNING — Arc flash and shock hazard". */
  header: string;
  energy_cal_cm2: number;
  energy_j_cm2: number;
  distance_mm: number;
  boundary_mm: number;
  ppe: string;
  voltage: string;
  limited_approach: string | null;
  restricted_approach: string | null;
  equipment: string;
  /** Which case and device set the energy: "reduced arcing current, cleared by Q1 in 319 ms". */
  basis: string;
  study: ArcFlashLabelStudy;
}

const mm = (value: number) => `${Math.round(value)} mm`;

/** The label of a bus with a computed result; undefined when the bus has no number. */
export function arcFlashLabel(
  result: ArcFlashResult,
  study: ArcFlashLabelStudy,
  busName?: string,
): ArcFlashLabel | undefined {
  const { energy_cal_cm2, energy_j_cm2, distance_mm, boundary_mm, hazard, ppe, governing } = result;
  if (
    result.status !== "ok" ||
    energy_cal_cm2 === null ||
    energy_j_cm2 === null ||
    distance_mm === null ||
    boundary_mm === null ||
    hazard === null ||
    ppe === null ||
    governing === null
  )
    return undefined;
  const shock = approachBoundaries(result.voc_kv);
  const time = governing === "full" ? result.time_ms : result.time_min_ms;
  const devices = result.devices.map((d) => d.switch).join(", ");
  const cleared = devices ? `cleared by ${devices}` : "no protective device";
  return {
    bus: result.bus,
    title: busName ? `${busName} (${result.bus})` : result.bus,
    hazard,
    header: `${hazard === "danger" ? "DANGER" : "WARNING"} — Arc flash and shock hazard`,
    energy_cal_cm2,
    energy_j_cm2,
    distance_mm,
    boundary_mm,
    ppe,
    voltage: `${result.voc_kv * 1000 >= 1000 ? `${result.voc_kv} kV` : `${Math.round(result.voc_kv * 1000)} V`}`,
    limited_approach: shock ? mm(shock.limited_fixed_mm) : null,
    restricted_approach: shock
      ? shock.restricted_mm === null
        ? "avoid contact"
        : mm(shock.restricted_mm)
      : null,
    equipment: `${result.equipment.replace("_", " ")}, ${result.config}, gap ${result.gap_mm ?? "?"} mm`,
    basis: `${governing} arcing current, ${cleared}${time === null ? "" : ` in ${Math.round(time)} ms`}`,
    study,
  };
}
