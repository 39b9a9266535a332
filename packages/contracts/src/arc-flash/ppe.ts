// What a worker wears and where others stop: the PPE category for an incident energy, the
// shock approach boundaries for a voltage (NFPA 70E-2021), and the label's signal word.

/** 1 cal = 4.184 J (thermochemical calorie, the unit of arc ratings). */
export const JOULES_PER_CALORIE = 4.184;
export const toCalPerCm2 = (jPerCm2: number) => jPerCm2 / JOULES_PER_CALORIE;

/** The arc-flash boundary is where the energy falls to 1.2 cal/cm² = 5.0 J/cm² (IEEE 1584-2018 §3.1). */
export const ARC_FLASH_BOUNDARY_CAL_CM2 = 1.2;

/** Minimum arc ratings of NFPA 70E-2021 Table 130.7(C)(15)(c), PPE categories 1–4 (cal/cm²). */
export const PPE_CATEGORY_ARC_RATINGS = [4, 8, 25, 40] as const;

export interface PpeLevel {
  /** 1–4; null below 1.2 cal/cm² (none needed) or above 40 cal/cm² (no category). */
  category: 1 | 2 | 3 | 4 | null;
  text: string;
}

/**
 * The lowest PPE category whose minimum arc rating covers the energy. With the incident energy
 * analysis method NFPA 70E 130.5(G) asks for arc-rated PPE of at least the incident energy; the
 * category is the customary shorthand printed on labels.
 */
export function ppeLevel(energyCalCm2: number): PpeLevel {
  if (energyCalCm2 < ARC_FLASH_BOUNDARY_CAL_CM2)
    return { category: null, text: "below 1.2 cal/cm²: arc-rated PPE not required" };
  const index = PPE_CATEGORY_ARC_RATINGS.findIndex((rating) => energyCalCm2 <= rating);
  if (index < 0) return { category: null, text: "above 40 cal/cm²: no PPE category; de-energize" };
  const category = (index + 1) as 1 | 2 | 3 | 4;
  return {
    category,
    text: `PPE category ${category} (arc rating ≥ ${PPE_CATEGORY_ARC_RATINGS[index]} cal/cm²)`,
  };
}

/** ANSI Z535.4 signal word: DANGER where no PPE category covers the energy, WARNING otherwise. */
export type ArcFlashHazard = "warning" | "danger";
export const arcFlashHazard = (energyCalCm2: number): ArcFlashHazard =>
  energyCalCm2 > 40 ? "danger" : "warning";

export interface ApproachBoundaries {
  /** Upper end of the row's nominal phase-to-phase voltage range (kV). */
  up_to_kv: number;
  /** Limited approach boundary to an exposed movable conductor and to a fixed circuit part (mm). */
  limited_movable_mm: number;
  limited_fixed_mm: number;
  /** Restricted approach boundary (mm); null: "avoid contact". */
  restricted_mm: number | null;
  /** The same distances as printed in the table's imperial column. */
  imperial: { limited_movable: string; limited_fixed: string; restricted: string };
}

const row = (
  up_to_kv: number,
  movable: [number, string],
  fixed: [number, string],
  restricted: [number | null, string],
): ApproachBoundaries => ({
  up_to_kv,
  limited_movable_mm: movable[0],
  limited_fixed_mm: fixed[0],
  restricted_mm: restricted[0],
  imperial: { limited_movable: movable[1], limited_fixed: fixed[1], restricted: restricted[1] },
});

const TEN_FT: [number, string] = [3000, "10 ft 0 in"];

/** NFPA 70E-2021 Table 130.4(E)(a), a.c. systems; below 50 V nothing is specified. */
export const APPROACH_BOUNDARIES: readonly ApproachBoundaries[] = [
  row(0.15, TEN_FT, [1000, "3 ft 6 in"], [null, "avoid contact"]),
  row(0.75, TEN_FT, [1000, "3 ft 6 in"], [300, "1 ft 0 in"]),
  row(15, TEN_FT, [1500, "5 ft 0 in"], [700, "2 ft 2 in"]),
  row(36, TEN_FT, [1800, "6 ft 0 in"], [800, "2 ft 7 in"]),
  row(46, TEN_FT, [2500, "8 ft 0 in"], [800, "2 ft 9 in"]),
  row(72.5, TEN_FT, [2500, "8 ft 0 in"], [1000, "3 ft 3 in"]),
  row(121, [3300, "10 ft 8 in"], [2500, "8 ft 0 in"], [1000, "3 ft 4 in"]),
  row(145, [3400, "11 ft 0 in"], [3000, "10 ft 0 in"], [1200, "3 ft 10 in"]),
  row(169, [3600, "11 ft 8 in"], [3600, "11 ft 8 in"], [1300, "4 ft 3 in"]),
  row(242, [4000, "13 ft 0 in"], [4000, "13 ft 0 in"], [1700, "5 ft 8 in"]),
  row(362, [4700, "15 ft 4 in"], [4700, "15 ft 4 in"], [2800, "9 ft 2 in"]),
  row(550, [5800, "19 ft 0 in"], [5800, "19 ft 0 in"], [3600, "11 ft 10 in"]),
  row(800, [7200, "23 ft 9 in"], [7200, "23 ft 9 in"], [4900, "15 ft 11 in"]),
];

/**
 * The row for a nominal voltage; a voltage between two rows takes the higher row. undefined
 * below 50 V and above 800 kV (not specified by the table).
 */
export function approachBoundaries(vnKv: number): ApproachBoundaries | undefined {
  if (vnKv < 0.05) return undefined;
  return APPROACH_BOUNDARIES.find((r) => vnKv <= r.up_to_kv);
}
