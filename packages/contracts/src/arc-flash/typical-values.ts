// Typical values of IEEE 1584-2018 Table 8 (electrode gaps and enclosure sizes per equipment
// class) and Table 10 (working distances), used for what a bus's arc_flash data leaves out.
// Every value used this way is reported as defaulted with the table it came from.

import type { ArcFlashEquipment, BusArcFlash, ElectrodeConfig } from "../network/arc-flash.ts";

/** Voltage classes of Tables 8 and 10: low voltage (≤ 0.6 kV), 5 kV (≤ 5 kV), 15 kV (≤ 15 kV). */
export type ArcFlashVoltageClass = "lv" | "5kv" | "15kv";

export function arcFlashVoltageClass(vocKv: number): ArcFlashVoltageClass {
  if (vocKv <= 0.6) return "lv";
  return vocKv <= 5 ? "5kv" : "15kv";
}

/**
 * The five lengths of the IEEE 1584-2018 model for one bus: electrode gap G, working distance D
 * and the enclosure's height × width × depth (mm). One definition for the typical values, the
 * completed inputs (ArcFlashInputs) and the study's result rows (ArcFlashResult); null where a
 * value is unknown, and for the enclosure in open air (VOA, HOA).
 */
export interface ArcFlashDimensions {
  gap_mm: number | null;
  distance_mm: number | null;
  height_mm: number | null;
  width_mm: number | null;
  depth_mm: number | null;
}

/** A row of Tables 8 and 10 has every length. */
type TypicalValues = { [K in keyof ArcFlashDimensions]: number };

/**
 * Table 8 gives LV MCCs, panelboards and cable junction boxes as "≤ 203.2 mm or > 203.2 mm"
 * deep; the deep (typical) enclosure is the default here, 254 mm (10 in), reported as defaulted.
 */
const LV_SMALL = { height_mm: 355.6, width_mm: 304.8, depth_mm: 254 } as const;

/** Table 8 (gap, enclosure) with Table 10 (working distance); the 5 kV switchgear row is the 914.4 mm cube. */
export const TYPICAL_ARC_FLASH_VALUES: Partial<
  Record<ArcFlashEquipment, Partial<Record<ArcFlashVoltageClass, TypicalValues>>>
> = {
  switchgear: {
    "15kv": { gap_mm: 152, distance_mm: 914.4, height_mm: 1143, width_mm: 762, depth_mm: 762 },
    "5kv": { gap_mm: 104, distance_mm: 914.4, height_mm: 914.4, width_mm: 914.4, depth_mm: 914.4 },
    lv: { gap_mm: 32, distance_mm: 609.6, height_mm: 508, width_mm: 508, depth_mm: 508 },
  },
  mcc: {
    "15kv": { gap_mm: 152, distance_mm: 914.4, height_mm: 914.4, width_mm: 914.4, depth_mm: 914.4 },
    "5kv": { gap_mm: 104, distance_mm: 914.4, height_mm: 660.4, width_mm: 660.4, depth_mm: 660.4 },
    lv: { gap_mm: 25, distance_mm: 457.2, ...LV_SMALL },
  },
  panelboard: { lv: { gap_mm: 25, distance_mm: 457.2, ...LV_SMALL } },
  cable_junction: { lv: { gap_mm: 13, distance_mm: 457.2, ...LV_SMALL } },
};

const CLASS_NAMES: Record<ArcFlashVoltageClass, string> = { lv: "LV", "5kv": "5 kV", "15kv": "15 kV" };

/** The inputs of the IEEE 1584 model for one bus, with what was defaulted and what is missing. */
export interface ArcFlashInputs extends ArcFlashDimensions {
  equipment: ArcFlashEquipment;
  config: ElectrodeConfig;
  /** One line per defaulted value, e.g. "gap_mm: 32 mm, IEEE 1584-2018 Table 8 (LV switchgear)". */
  defaulted: string[];
  /** Fields that have neither a value nor a typical value (no number can be computed). */
  missing: string[];
}

const DIMENSIONS = ["gap_mm", "distance_mm", "height_mm", "width_mm", "depth_mm"] as const;

export const isOpenAir = (config: ElectrodeConfig) => config === "VOA" || config === "HOA";

/** A bus's arc_flash data completed from the typical values of its equipment class and voltage. */
export function arcFlashInputs(data: BusArcFlash | undefined, vocKv: number): ArcFlashInputs {
  const defaulted: string[] = [];
  const missing: string[] = [];
  const equipment = data?.equipment ?? "switchgear";
  if (data?.equipment === undefined) defaulted.push("equipment: switchgear (no equipment class given)");
  const openAirDefault = equipment === "open_air";
  const config = data?.config ?? (openAirDefault ? "VOA" : "VCB");
  if (data?.config === undefined)
    defaulted.push(`config: ${config} (${openAirDefault ? "open air" : "enclosed equipment"})`);
  const voltageClass = arcFlashVoltageClass(vocKv);
  const typical = TYPICAL_ARC_FLASH_VALUES[equipment]?.[voltageClass];
  const openAir = isOpenAir(config);
  const values: Record<(typeof DIMENSIONS)[number], number | null> = {
    gap_mm: null,
    distance_mm: null,
    height_mm: null,
    width_mm: null,
    depth_mm: null,
  };
  for (const field of DIMENSIONS) {
    const enclosure = field !== "gap_mm" && field !== "distance_mm";
    if (enclosure && openAir) continue;
    const given = data?.[field];
    if (given !== undefined) {
      values[field] = given;
    } else if (typical) {
      values[field] = typical[field];
      const table = field === "distance_mm" ? "Table 10" : "Table 8";
      defaulted.push(
        `${field}: ${typical[field]} mm, IEEE 1584-2018 ${table} (${CLASS_NAMES[voltageClass]} ${equipment.replace("_", " ")})`,
      );
    } else {
      missing.push(field);
    }
  }
  return { equipment, config, ...values, defaulted, missing };
}
