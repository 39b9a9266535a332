// The type library: named sets of element values an engineer picks instead of typing R/X per km
// or ratings by hand. A company keeps its own types (company admins edit them) next to the
// built-in ones (builtin.ts, each citing its public source).

import { z } from "zod";
import { busSchema } from "../network/buses.ts";
import { lineSchema } from "../network/lines.ts";
import { switchSchema } from "../network/switches.ts";
import { transformerSchema } from "../network/transformers.ts";

/** The collections whose elements may reference a type, by the type's kind. */
export const TYPE_COLLECTIONS = {
  line: "lines",
  transformer: "transformers",
  switch: "switches",
  bus: "buses",
} as const;
export type EquipmentTypeKind = keyof typeof TYPE_COLLECTIONS;
export const EQUIPMENT_TYPE_KINDS = Object.keys(TYPE_COLLECTIONS) as EquipmentTypeKind[];

/** The element fields a type of each kind may set: everything physical, nothing about where it sits. */
export const TYPE_FIELDS = {
  line: [
    "r_ohm_per_km",
    "x_ohm_per_km",
    "c_nf_per_km",
    "r0_ohm_per_km",
    "x0_ohm_per_km",
    "c0_nf_per_km",
    "max_i_ka",
    "endtemp_degree",
    "conductor",
    "insulation",
    "k_a_s05_mm2",
    "cross_section_mm2",
  ],
  transformer: [
    "sn_mva",
    "vn_hv_kv",
    "vn_lv_kv",
    "vk_percent",
    "vkr_percent",
    "vk0_percent",
    "vkr0_percent",
    "mag0_percent",
    "vector_group",
    "shift_degree",
    "tap_neutral",
    "tap_min",
    "tap_max",
    "tap_step_percent",
    "tap_side",
    "oltc",
    "through_fault_ka",
    "through_fault_s",
  ],
  switch: [
    "kind",
    "rated_voltage_kv",
    "rated_current_ka",
    "breaking_ka",
    "making_ka",
    "short_time_ka",
    "short_time_s",
    "opening_time_ms",
    "dc_time_constant_ms",
  ],
  bus: ["peak_withstand_ka", "short_time_ka", "short_time_s"],
} as const satisfies Record<EquipmentTypeKind, readonly string[]>;

type Shape = Record<string, z.ZodType> & object;

/** The picked fields of an element schema, all optional: a type may leave any of them to the element. */
function typeValues<const K extends string>(shape: Shape, keys: readonly K[]) {
  const picked: Record<string, z.ZodType> = {};
  for (const key of keys) {
    const field = shape[key];
    if (!field) throw new Error(`type field ${key} is not an element field`);
    // Defaults belong to elements; a type's unset field must stay unset.
    const inner: z.ZodType = field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : field;
    picked[key] = inner instanceof z.ZodOptional ? inner : inner.optional();
  }
  return z.strictObject(picked);
}

export const lineTypeValuesSchema = typeValues(lineSchema.shape, TYPE_FIELDS.line);
export const transformerTypeValuesSchema = typeValues(transformerSchema.shape, TYPE_FIELDS.transformer);
export const switchTypeValuesSchema = typeValues(switchSchema.shape, TYPE_FIELDS.switch);
export const busTypeValuesSchema = typeValues(busSchema.shape, TYPE_FIELDS.bus);

type Values<C extends keyof typeof TYPE_FIELDS, E> = Partial<
  Pick<E, Extract<(typeof TYPE_FIELDS)[C][number], keyof E>>
>;
export type LineTypeValues = Values<"line", z.input<typeof lineSchema>>;
export type TransformerTypeValues = Values<"transformer", z.input<typeof transformerSchema>>;
export type SwitchTypeValues = Values<"switch", z.input<typeof switchSchema>>;
export type BusTypeValues = Values<"bus", z.input<typeof busSchema>>;

const typeName = z.string().trim().min(1).max(200);
/** Where a type's values come from (a datasheet, a standard's clause); shown beside it. */
const typeSource = z.string().trim().max(500).default("");

/** A type as a company admin creates or edits it. */
export const equipmentTypeInputSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("line"),
    name: typeName,
    source: typeSource,
    values: lineTypeValuesSchema,
  }),
  z.strictObject({
    kind: z.literal("transformer"),
    name: typeName,
    source: typeSource,
    values: transformerTypeValuesSchema,
  }),
  z.strictObject({
    kind: z.literal("switch"),
    name: typeName,
    source: typeSource,
    values: switchTypeValuesSchema,
  }),
  z.strictObject({ kind: z.literal("bus"), name: typeName, source: typeSource, values: busTypeValuesSchema }),
]);
export type EquipmentTypeInput = z.input<typeof equipmentTypeInputSchema>;

/** A type in a library. Built-in ids are their names; company types have uuid ids. */
export interface EquipmentType {
  id: string;
  kind: EquipmentTypeKind;
  name: string;
  source: string;
  builtin: boolean;
  values: Record<string, unknown>;
}
