// Labels built by contracts' arcFlashLabel from the fixtures, as every caller builds them.

import { type ArcFlashLabel, arcFlashLabel } from "@ampflux/contracts";
import { arcFlashResult, STUDY } from "./fixtures.ts";

function label(...args: Parameters<typeof arcFlashResult>): (name?: string) => ArcFlashLabel {
  return (name) => {
    const built = arcFlashLabel(arcFlashResult(...args), STUDY, name);
    if (!built) throw new Error(`fixture ${args[0]} has no label`);
    return built;
  };
}

/** 34.7 J/cm² = 8.29 cal/cm²: WARNING, PPE category 3, at 480 V. */
export const warningLabel = label("B12", 34.7)("Main switchboard MSB-1");

/** 250.3 J/cm² = 59.8 cal/cm²: DANGER, no PPE category, at 4.16 kV. */
export const dangerLabel = label("B7", 250.3, {
  voc_kv: 4.16,
  equipment: "switchgear",
  gap_mm: 104,
  distance_mm: 914.4,
  boundary_mm: 9876,
})("Substation 4.16 kV");

/** A bus named `<A&B>`, with a project name holding quotes and a control character. */
export const markupLabel = {
  ...label("B9", 12)("<A&B>"),
  study: { ...STUDY, project: `"Plant" 'A' \u0007 & co` },
};

export const labelFor = (bus: string, energyJCm2: number, name?: string) => label(bus, energyJCm2)(name);
