import { z } from "zod";
import { busRef, elementId, elementName, inService, positive } from "./fields.ts";

/** Consumer sign convention: positive p_mw / q_mvar draw power from the bus. */
export const loadSchema = z.strictObject({
  id: elementId,
  name: elementName,
  bus: busRef,
  p_mw: z.number(),
  q_mvar: z.number(),
  in_service: inService,
});

/** Shunt admittance given as the power it draws at vn_kv; negative q_mvar is capacitive. */
export const shuntSchema = z.strictObject({
  id: elementId,
  name: elementName,
  bus: busRef,
  p_mw: z.number(),
  q_mvar: z.number(),
  vn_kv: positive,
  in_service: inService,
});

export type Load = z.infer<typeof loadSchema>;
export type Shunt = z.infer<typeof shuntSchema>;
