// What a bus's arc-flash fields show when left empty: the value IEEE 1584-2018's typical tables
// give it (contracts' arcFlashInputs, the same completion the engine makes), or that none exists.

import { ARC_FLASH_FIELDS, arcFlashInputs, type BusArcFlash, busArcFlashSchema } from "@ampflux/contracts";

export const ARC_FLASH_DEVICES_KEY = "arc_flash.devices";

/**
 * Per dotted key, what an empty field stands for and why: "32 (typical)" with the table it comes
 * from, "not used in open air", or "no typical value" (the bus then gets no number). `data` is the
 * bus's arc_flash as typed; parts the schema refuses are read as unset.
 */
export function arcFlashUnsetTexts(
  data: unknown,
  vnKv: unknown,
): { unset: Map<string, string>; hints: Map<string, string> } {
  const unset = new Map<string, string>();
  const hints = new Map<string, string>();
  if (typeof vnKv !== "number" || !(vnKv > 0)) {
    for (const spec of ARC_FLASH_FIELDS) unset.set(spec.key, "needs the bus's Un");
    return { unset, hints };
  }
  const inputs = arcFlashInputs(readable(data), vnKv);
  const defaulted = new Map(
    inputs.defaulted.map((line) => {
      const at = line.indexOf(": ");
      return [line.slice(0, at), line.slice(at + 2)] as const;
    }),
  );
  for (const spec of ARC_FLASH_FIELDS) {
    const field = spec.key.slice("arc_flash.".length) as keyof typeof inputs;
    const why = defaulted.get(field);
    if (why) {
      const value = inputs[field];
      unset.set(spec.key, `${typeof value === "number" ? value : String(value)} (default)`);
      hints.set(spec.key, `defaulted: ${why}`);
    } else if (inputs.missing.includes(field)) {
      unset.set(spec.key, "no typical value");
      hints.set(
        spec.key,
        `no typical value for ${inputs.equipment.replace("_", " ")} at ${vnKv} kV: enter it`,
      );
    } else if (inputs[field] === null) {
      unset.set(spec.key, "not used in open air");
    }
  }
  return { unset, hints };
}

/** The valid part of a bus's arc_flash: each field the schema accepts on its own. */
function readable(data: unknown): BusArcFlash | undefined {
  if (typeof data !== "object" || data === null) return undefined;
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    const one = busArcFlashSchema.safeParse({ [key]: value });
    if (one.success) Object.assign(kept, one.data);
  }
  return kept as BusArcFlash;
}
