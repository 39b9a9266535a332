// The study's arc-flash warnings (path "arc_flash"): one line per kind of finding with a count
// and the first few buses, never one line per bus (case9241pegase has thousands of buses above 15 kV); each bus's
// own reason stays in its row.

import type { ArcFlashResult, NetworkIssue } from "@ampflux/contracts";

const FIRST = 10;

function summary(what: string, buses: readonly string[]): NetworkIssue[] {
  if (buses.length === 0) return [];
  const names = `${buses.slice(0, FIRST).join(", ")}${buses.length > FIRST ? ", …" : ""}`;
  return [{ path: ["arc_flash"], message: `${buses.length} bus(es) ${what}: ${names}` }];
}

/** What an out-of-range field means, for the summary line (IEEE 1584-2018 §4.2). */
const RANGE_TEXT: Record<string, string> = {
  voc_kv: "with a voltage outside IEEE 1584-2018's 0.208–15 kV (§4.2)",
  ibf_ka: "with a bolted fault current outside IEEE 1584-2018's range (§4.2)",
  gap_mm: "with a gap outside IEEE 1584-2018's range (§4.2)",
  distance_mm: "with a working distance below IEEE 1584-2018's 305 mm (§4.2)",
  width_mm: "with an enclosure narrower than 4 × the gap (IEEE 1584-2018 §4.2)",
};

export function arcFlashWarnings(
  results: readonly ArcFlashResult[],
  defaultOpenings: readonly string[],
  noProtection: boolean,
): NetworkIssue[] {
  const buses = (keep: (r: ArcFlashResult) => boolean) => results.filter(keep).map((r) => r.bus);
  const outOfRange = new Map<string, string[]>();
  for (const r of results) {
    if (r.status !== "out_of_range") continue;
    const field = r.reason?.split(":")[0] ?? "";
    const list = outOfRange.get(field);
    if (list) list.push(r.bus);
    else outOfRange.set(field, [r.bus]);
  }
  const capped = (r: ArcFlashResult) => r.notes.some((n) => n.includes("arc_flash_max_duration_s"));
  return [
    ...[...outOfRange].flatMap(([field, ids]) =>
      summary(RANGE_TEXT[field] ?? `outside IEEE 1584-2018's range in ${field} (§4.2)`, ids),
    ),
    ...summary(
      "without a value or typical value for their equipment (no result)",
      buses((r) => r.status === "missing_data"),
    ),
    ...summary(
      "fed by no source",
      buses((r) => r.status === "unfed"),
    ),
    ...summary(
      "cleared by no protective device, and no duration cap is set (no result)",
      buses((r) => r.status === "no_device"),
    ),
    ...(noProtection && results.some((r) => r.status === "ok")
      ? [
          {
            path: ["arc_flash"],
            message: "no switch has protection: every arc lasts the duration cap",
          },
        ]
      : summary(
          "with an arc duration set by the cap",
          buses((r) => r.status === "ok" && capped(r)),
        )),
    ...summary(
      "fed through several devices (the last to clear is used; set arc_flash.devices to choose)",
      buses((r) => r.notes.some((n) => n.startsWith("cleared by the last of"))),
    ),
    ...summary(
      "with typical values for missing equipment data (IEEE 1584-2018 Tables 8/10)",
      buses((r) => r.status !== "unfed" && r.defaulted.length > 0),
    ),
    ...(defaultOpenings.length > 0
      ? [
          {
            path: ["arc_flash"],
            message: `${defaultOpenings.length} switch(es) without opening_time_ms use IEEE 1584-2002 Table 1's breaker times: ${defaultOpenings.slice(0, FIRST).join(", ")}${defaultOpenings.length > FIRST ? ", …" : ""}`,
          },
        ]
      : []),
  ];
}
