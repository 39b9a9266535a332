// Arc-flash data of a bus (the equipment a worker stands at) and protection settings of a
// switch (what clears an arc). All optional: what is missing is defaulted from IEEE 1584-2018's
// typical values and reported as defaulted (arc-flash-defaults.ts), never silently assumed.

import { z } from "zod";
import { busRef } from "./fields.ts";
import { inRange } from "./limits.ts";

/**
 * Electrode configurations of IEEE 1584-2018 §4.3 (the test arrangements its model was fitted
 * to): VCB vertical conductors in a box, VCBB the same terminated in an insulating barrier, HCB
 * horizontal conductors in a box, VOA / HOA vertical / horizontal conductors in open air.
 */
export const ELECTRODE_CONFIGS = ["VCB", "VCBB", "HCB", "VOA", "HOA"] as const;
export type ElectrodeConfig = (typeof ELECTRODE_CONFIGS)[number];

/** Equipment classes of IEEE 1584-2018 Tables 8 and 10 (typical gaps, enclosures, working distances). */
export const ARC_FLASH_EQUIPMENT = ["switchgear", "mcc", "panelboard", "cable_junction", "open_air"] as const;
export type ArcFlashEquipment = (typeof ARC_FLASH_EQUIPMENT)[number];

const millimetres = inRange("distance_mm");

export const busArcFlashSchema = z.strictObject({
  equipment: z.enum(ARC_FLASH_EQUIPMENT).optional(),
  config: z.enum(ELECTRODE_CONFIGS).optional(),
  /** Gap between conductors (electrodes), mm. */
  gap_mm: millimetres.optional(),
  /** Working distance from the arc to the worker's face and chest, mm. */
  distance_mm: millimetres.optional(),
  /** Enclosure opening height and width, and depth, mm (not used in open air). */
  height_mm: millimetres.optional(),
  width_mm: millimetres.optional(),
  depth_mm: millimetres.optional(),
  /**
   * The switches whose protection clears an arc here, chosen by the engineer; when unset the
   * nearest protected switch on each path to the sources is used (arc-flash docs).
   */
  devices: z.array(busRef).min(1).max(20).optional(),
});
export type BusArcFlash = z.infer<typeof busArcFlashSchema>;

/**
 * Inverse-time characteristics t = TMS · (A / ((I/Is)^p − 1) + B) of IEC 60255-151:2009
 * Table 1 (standard, very, extremely, long-time inverse) and IEEE C37.112-2018 (moderately,
 * very, extremely inverse; TMS is the time dial).
 */
export const PROTECTION_CURVES = [
  "IEC_SI",
  "IEC_VI",
  "IEC_EI",
  "IEC_LTI",
  "IEEE_MI",
  "IEEE_VI",
  "IEEE_EI",
] as const;
export type ProtectionCurve = (typeof PROTECTION_CURVES)[number];

const pickup = inRange("pickup_ka");
const milliseconds = inRange("delay_ms");

const inverseStageSchema = z.strictObject({
  curve: z.enum(PROTECTION_CURVES),
  /** Pickup (setting) current Is referred to the primary side, kA. */
  pickup_ka: pickup,
  /** Time multiplier setting (IEC) or time dial (IEEE). */
  tms: inRange("time_multiplier"),
});

const definiteStageSchema = z.strictObject({
  pickup_ka: pickup,
  delay_ms: milliseconds,
});

/** One point of a time–current curve: current (kA) and total clearing time (ms). */
const curvePoint = z.tuple([pickup, inRange("clearing_time_ms")]);

/**
 * How a switch clears a fault. `clearing_time_ms` is a fixed total clearing time. Relay stages
 * (`inverse`, `definite`, `instantaneous`) give the relay's operating time, to which the
 * breaker's opening_time_ms is added; the fastest stage that picks up wins. `points` is a
 * fuse's or trip unit's total clearing curve, interpolated log–log between points.
 */
export const switchProtectionSchema = z
  .strictObject({
    clearing_time_ms: inRange("clearing_time_ms").optional(),
    inverse: inverseStageSchema.optional(),
    definite: definiteStageSchema.optional(),
    instantaneous: definiteStageSchema.extend({ delay_ms: milliseconds.default(0) }).optional(),
    points: z.array(curvePoint).min(2).max(200).optional(),
  })
  .superRefine((p, ctx) => {
    const stages = [p.clearing_time_ms, p.inverse, p.definite, p.instantaneous, p.points];
    if (stages.every((stage) => stage === undefined)) {
      ctx.addIssue({
        code: "custom",
        path: [],
        message: "needs clearing_time_ms, a relay stage (inverse, definite, instantaneous) or curve points",
      });
    }
    p.points?.forEach((point, i) => {
      const previous = i > 0 ? p.points?.[i - 1] : undefined;
      if (previous && !(point[0] > previous[0]))
        ctx.addIssue({ code: "custom", path: ["points", i, 0], message: "currents must increase" });
      if (previous && point[1] > previous[1])
        ctx.addIssue({ code: "custom", path: ["points", i, 1], message: "times must not increase" });
    });
  });
export type SwitchProtection = z.infer<typeof switchProtectionSchema>;
export type SwitchProtectionInput = z.input<typeof switchProtectionSchema>;
