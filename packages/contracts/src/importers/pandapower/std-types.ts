// pandapower's std_type column → the document's `type`: pandapower copies a standard type's values
// into each row and keeps its name, so where the type library has a type of that name (the
// built-in ones are pandapower's own, see types/builtin-lines.ts) the element references it.
// The row's values stay: validation fills only what the row leaves unset (types/apply.ts), here
// mainly the conductor data the duty study needs, which pandapower's tables lack.

import type { EquipmentTypeKind } from "../../types/schema.ts";
import type { Context } from "./context.ts";
import type { Row } from "./table.ts";

/** How many unmatched names the report lists. */
const LISTED_NAMES = 10;

/** Sets `type` on each element whose row's std_type names a library type; reports matches and misses. */
export function matchStdTypes(
  rows: readonly Row[],
  elements: readonly { type?: string | undefined }[],
  kind: EquipmentTypeKind,
  collection: string,
  ctx: Context,
): void {
  const table = rows[0]?.table ?? "";
  const unmatched = new Map<string, number>();
  let matched = 0;
  rows.forEach((row, i) => {
    const name = row.string("std_type")?.trim();
    const element = elements[i];
    if (name === undefined || name === "" || !element) return;
    const type = ctx.types.byName(kind, name);
    if (type) {
      element.type = type.id;
      matched++;
    } else unmatched.set(name, (unmatched.get(name) ?? 0) + 1);
  });
  ctx.report.mapped(`${table}.std_type`, `${collection}.type`, matched);
  const names = [...unmatched.keys()].slice(0, LISTED_NAMES).map((n) => JSON.stringify(n));
  if (unmatched.size > LISTED_NAMES) names.push("…");
  const count = [...unmatched.values()].reduce((sum, n) => sum + n, 0);
  ctx.report.dropped(
    `${table}.std_type`,
    count,
    `no ${kind} type of that name in the type library: ${names.join(", ")}`,
  );
}
