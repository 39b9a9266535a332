import { z } from "zod";
import {
  busRef,
  checkShortCircuitVoltage,
  checkTap,
  elementId,
  elementName,
  inService,
  nonNegative,
  positive,
  tapFields,
} from "./fields.ts";
import { vectorGroup3w } from "./vector-group.ts";

const WINDINGS = ["hv", "mv", "lv"] as const;

/**
 * Three-winding transformer, pandapower convention: vk(r)_hv is measured HV–MV, vk(r)_mv MV–LV and
 * vk(r)_lv HV–LV, each in percent on the smaller rated power of that winding pair.
 */
export const transformer3wSchema = z
  .strictObject({
    id: elementId,
    name: elementName,
    hv_bus: busRef,
    mv_bus: busRef,
    lv_bus: busRef,
    sn_hv_mva: positive,
    sn_mv_mva: positive,
    sn_lv_mva: positive,
    vn_hv_kv: positive,
    vn_mv_kv: positive,
    vn_lv_kv: positive,
    vk_hv_percent: positive,
    vk_mv_percent: positive,
    vk_lv_percent: positive,
    vkr_hv_percent: nonNegative,
    vkr_mv_percent: nonNegative,
    vkr_lv_percent: nonNegative,
    vk0_hv_percent: positive.optional(),
    vk0_mv_percent: positive.optional(),
    vk0_lv_percent: positive.optional(),
    vkr0_hv_percent: nonNegative.optional(),
    vkr0_mv_percent: nonNegative.optional(),
    vkr0_lv_percent: nonNegative.optional(),
    mag0_percent: positive.optional(),
    vector_group: vectorGroup3w.optional(),
    shift_mv_degree: z.number().default(0),
    shift_lv_degree: z.number().default(0),
    ...tapFields,
    tap_side: z.enum(WINDINGS).optional(),
    in_service: inService,
  })
  .superRefine((trafo, ctx) => {
    for (const w of WINDINGS) {
      const vk = trafo[`vk_${w}_percent`];
      checkShortCircuitVoltage(ctx, vk, trafo[`vkr_${w}_percent`], `vkr_${w}_percent`, `vk_${w}_percent`);
      const vk0 = trafo[`vk0_${w}_percent`];
      checkShortCircuitVoltage(ctx, vk0, trafo[`vkr0_${w}_percent`], `vkr0_${w}_percent`, `vk0_${w}_percent`);
    }
    checkTap(trafo, ctx);
    if (trafo.vn_hv_kv < trafo.vn_mv_kv || trafo.vn_mv_kv < trafo.vn_lv_kv) {
      ctx.addIssue({
        code: "custom",
        path: ["vn_mv_kv"],
        message: "rated voltages must fall from hv to mv to lv",
      });
    }
    if (new Set([trafo.hv_bus, trafo.mv_bus, trafo.lv_bus]).size < 3) {
      ctx.addIssue({ code: "custom", path: ["lv_bus"], message: "hv_bus, mv_bus and lv_bus must differ" });
    }
  });

export type Transformer3w = z.infer<typeof transformer3wSchema>;
