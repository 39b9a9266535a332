// The built-in type library: every type cites where its values come from.

import { PANDAPOWER_LINE_TYPES, PANDAPOWER_LINE_TYPES_SOURCE } from "./builtin-lines.ts";
import { IEC_SWITCHGEAR_SOURCE, iecCircuitBreakerTypes, iecSwitchboardTypes } from "./builtin-switchgear.ts";
import { PANDAPOWER_TRANSFORMER_TYPES, PANDAPOWER_TRANSFORMER_TYPES_SOURCE } from "./builtin-transformers.ts";
import type { EquipmentType, EquipmentTypeKind } from "./schema.ts";

function builtin(kind: EquipmentTypeKind, source: string, types: ReadonlyArray<readonly [string, object]>) {
  return types.map(
    ([name, values]): EquipmentType => ({
      id: name,
      kind,
      name,
      source,
      builtin: true,
      values: { ...values },
    }),
  );
}

export const BUILTIN_TYPES: readonly EquipmentType[] = Object.freeze([
  ...builtin("line", PANDAPOWER_LINE_TYPES_SOURCE, PANDAPOWER_LINE_TYPES),
  ...builtin("transformer", PANDAPOWER_TRANSFORMER_TYPES_SOURCE, PANDAPOWER_TRANSFORMER_TYPES),
  ...builtin("switch", IEC_SWITCHGEAR_SOURCE, iecCircuitBreakerTypes()),
  ...builtin("bus", IEC_SWITCHGEAR_SOURCE, iecSwitchboardTypes()),
]);
