import { z } from "zod";
import { busRef, elementId, elementName, inService } from "./fields.ts";
import { inRange } from "./limits.ts";

/**
 * Earthing transformer (zig-zag, or YNd without load): a path to earth for zero-sequence current
 * in a delta or isolated system and nothing else (no positive- or negative-sequence branch; its
 * magnetising current is neglected as IEC 60909-0 neglects it for transformers). Z(0) per phase
 * in ohm at the bus's nominal voltage, plus 3·Z_N of a neutral earthing impedance
 * (IEC 60909-0:2016 §6.3: 3·Z_N enters the zero-sequence system without correction factor).
 */
export const earthingTransformerSchema = z
  .strictObject({
    id: elementId,
    name: elementName,
    bus: busRef,
    r0_ohm: inRange("impedance_ohm"),
    x0_ohm: inRange("impedance_ohm"),
    rn_ohm: inRange("impedance_ohm").optional(),
    xn_ohm: inRange("impedance_ohm").optional(),
    in_service: inService,
  })
  .superRefine((t, ctx) => {
    if (t.r0_ohm === 0 && t.x0_ohm === 0 && (t.rn_ohm ?? 0) === 0 && (t.xn_ohm ?? 0) === 0)
      ctx.addIssue({ code: "custom", path: ["x0_ohm"], message: "zero-sequence impedance must not be zero" });
  });

export type EarthingTransformer = z.infer<typeof earthingTransformerSchema>;
