import { z } from "zod";
import { boundedString, inRange } from "./limits.ts";

/** Field schemas every element shares; ids key results, so they must be non-empty. */
export const elementId = boundedString("id", 1);
export const busRef = boundedString("id", 1);
export const elementName = boundedString("name").optional();
export const inService = z.boolean().default(true);
export const parallel = inRange("count").default(1);
/** A power factor: 0 < cos φ ≤ 1. */
export const powerFactor = inRange("power_factor");

/** Tap-changer fields shared by two- and three-winding transformers (positions may be fractional). */
export const tapFields = {
  tap_pos: inRange("tap_position").optional(),
  tap_neutral: inRange("tap_position").optional(),
  tap_min: inRange("tap_position").optional(),
  tap_max: inRange("tap_position").optional(),
  tap_step_percent: inRange("percent").optional(),
};

interface TapSettings {
  tap_pos?: number | undefined;
  tap_neutral?: number | undefined;
  tap_min?: number | undefined;
  tap_max?: number | undefined;
  tap_step_percent?: number | undefined;
  tap_side?: string | undefined;
}

/** A tap position only means something with a neutral, a step and a side, and must lie within its range. */
export function checkTap(tap: TapSettings, ctx: z.RefinementCtx): void {
  if (tap.tap_pos !== undefined) {
    for (const field of ["tap_neutral", "tap_step_percent", "tap_side"] as const) {
      if (tap[field] === undefined)
        ctx.addIssue({ code: "custom", path: [field], message: "required with tap_pos" });
    }
  }
  const { tap_min: min, tap_max: max, tap_pos: pos } = tap;
  if (min !== undefined && max !== undefined && min > max) {
    ctx.addIssue({ code: "custom", path: ["tap_max"], message: "must not be below tap_min" });
  }
  if (pos !== undefined && ((min !== undefined && pos < min) || (max !== undefined && pos > max))) {
    ctx.addIssue({ code: "custom", path: ["tap_pos"], message: "must lie within tap_min..tap_max" });
  }
}

/** The resistive part of a short-circuit voltage is one leg of the triangle whose hypotenuse is vk. */
export function checkShortCircuitVoltage(
  ctx: z.RefinementCtx,
  vk: number | undefined,
  vkr: number | undefined,
  vkrField: string,
  vkField: string,
): void {
  if (vk === undefined || vkr === undefined) return;
  if (vkr >= vk) ctx.addIssue({ code: "custom", path: [vkrField], message: `must be below ${vkField}` });
  // A negative vkr (a reduction equivalent) still has X = √(vk² − vkr²): |vkr| < vk.
  else if (vkr <= -vk)
    ctx.addIssue({ code: "custom", path: [vkrField], message: `must be above −${vkField}` });
}
