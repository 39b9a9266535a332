import { z } from "zod";
import { busRef, elementId, elementName, inService } from "./fields.ts";
import { inRange } from "./limits.ts";

/** Consumer sign convention: positive p_mw / q_mvar draw power from the bus. */
export const loadSchema = z.strictObject({
  id: elementId,
  name: elementName,
  bus: busRef,
  p_mw: inRange("power_mw"),
  q_mvar: inRange("power_mw"),
  in_service: inService,
});

/** Shunt admittance given as the power it draws at vn_kv; negative q_mvar is capacitive. */
export const shuntSchema = z.strictObject({
  id: elementId,
  name: elementName,
  bus: busRef,
  p_mw: inRange("power_mw"),
  q_mvar: inRange("power_mw"),
  vn_kv: inRange("voltage_kv"),
  in_service: inService,
});

export type Load = z.infer<typeof loadSchema>;
export type Shunt = z.infer<typeof shuntSchema>;
