// How many elements a stored version's collection holds, read without the document: from the
// version's element counts, or (a version stored before it had them) the document's array.

import { type SQL, sql } from "drizzle-orm";
import { circuitVersions } from "./schema/projects.ts";

/** The number of elements in `collection` ("buses", "lines", …) of a circuit_versions row. */
export function storedElementCount(collection: string): SQL<number> {
  return sql<number>`coalesce((${circuitVersions.elementCounts}->>${collection}::text)::int, json_array_length(${circuitVersions.document}->${collection}::text), 0)`;
}
