import {
  type EquipmentTypeKind,
  equipmentTypeInputSchema,
  FIELD_SPECS,
  type FieldSpec,
  TYPE_COLLECTIONS,
  TYPE_FIELDS,
} from "@ampflux/contracts";
import { validationOf } from "../lib/errors.ts";

/** One value a type may set, as the properties panel specifies it (label, unit, hint). */
export interface TypeField {
  spec: FieldSpec;
  /** A yes/no field: shown as a choice, since a type may also leave it unset. */
  boolean: boolean;
}

/**
 * The properties panel's specs (one field list for elements and types) for TYPE_FIELDS[kind], in
 * the panel's reading order. Every one is optional: a type may leave any field to its elements.
 */
export function typeFields(kind: EquipmentTypeKind): TypeField[] {
  const keys = new Set<string>(TYPE_FIELDS[kind]);
  return FIELD_SPECS[TYPE_COLLECTIONS[kind]]
    .filter((spec) => keys.has(spec.key))
    .map((spec): TypeField => {
      switch (spec.kind) {
        case "bool":
          return {
            spec: {
              key: spec.key,
              label: spec.label,
              kind: "enum",
              options: ["true", "false"],
              optional: true,
            },
            boolean: true,
          };
        case "number":
        case "text":
        case "enum":
          return { spec: { ...spec, optional: true }, boolean: false };
        default:
          throw new Error(`type field ${spec.key} is a ${spec.kind} field, which no type can hold`);
      }
    });
}

/** Messages by field: "name", "source", or a value's field ("breaking_ka"); "" for the rest. */
export type TypeMessages = Map<string, string[]>;

function byField(issues: Array<{ path: PropertyKey[]; message: string }>, prefix: string[]): TypeMessages {
  const messages: TypeMessages = new Map();
  for (const { path, message } of issues) {
    if (!prefix.every((key, i) => path[i] === key)) continue;
    const rest = path.slice(prefix.length);
    const field = String((rest[0] === "values" ? rest[1] : rest[0]) ?? "");
    messages.set(field, [...new Set([...(messages.get(field) ?? []), message])]);
  }
  return messages;
}

/** What equipmentTypeInputSchema says about a type being edited, by field, before it is sent. */
export function draftMessages(draft: unknown): TypeMessages {
  const parsed = equipmentTypeInputSchema.safeParse(draft);
  return parsed.success ? new Map() : byField(parsed.error.issues, []);
}

/**
 * The api's refusal by field. `prefix` is where the type sits in the procedure's input:
 * ["type"] for types.update (paths like type.values.breaking_ka), [] for types.create.
 */
export function serverMessages(error: unknown, prefix: string[]): TypeMessages {
  return byField(validationOf(error)?.issues ?? [], prefix);
}

/** Both, each message once. */
export function mergeMessages(...sources: TypeMessages[]): TypeMessages {
  const merged: TypeMessages = new Map();
  for (const source of sources)
    for (const [field, list] of source)
      merged.set(field, [...new Set([...(merged.get(field) ?? []), ...list])]);
  return merged;
}
