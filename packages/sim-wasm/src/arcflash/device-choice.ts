// Which switches clear an arc at each bus (issue 17: "the nearest upstream device on the path to
// the sources; ask the user when ambiguous"): the engineer's arc_flash.devices when set, else
// the first protected switch on every path that feeds the arc (fault-paths.ts). Several paths
// with different devices, or a path with none, are noted on the bus so a reviewer sees them;
// arc_flash.devices settles the choice.

import type { NetworkDocument, Switch } from "@ampflux/contracts";
import type { ArcFlashBus } from "./bus-inputs.ts";
import type { FaultPaths } from "./fault-paths.ts";

/** A switch clearing (part of) a bus's arc, with its share of the bolted fault current (kA). */
export interface ChosenDevice {
  switch: Switch;
  via: "set" | "found";
  /** Current through it for the bolted fault Ibf at the bus; the arcing current scales it. */
  boltedKa: number;
}

export interface DeviceChoice {
  devices: ChosenDevice[];
  /** Some current reaches the arc through no protective device (or none is known to clear it). */
  uncleared: string | null;
  notes: string[];
}

const listed = (ids: readonly string[]) =>
  ids.length <= 5 ? ids.join(", ") : `${ids.slice(0, 5).join(", ")} and ${ids.length - 5} more`;

/** The devices the engineer named: each one's branch current, or the whole current of a bus coupler. */
function setDevices(
  row: ArcFlashBus,
  switches: Map<string, Switch>,
  paths: FaultPaths | undefined,
): DeviceChoice {
  const notes: string[] = [];
  const devices: ChosenDevice[] = [];
  for (const id of row.bus.arc_flash?.devices ?? []) {
    const sw = switches.get(id);
    // Validation rejects unknown names (check-references.ts); skipped here for safety only.
    if (!sw) continue;
    if (!sw.closed) notes.push(`${id} is open: it carries no current`);
    if (!sw.protection) notes.push(`${id} has no protection: it does not clear the arc`);
    let boltedKa: number;
    if (sw.element_type === "bus") {
      boltedKa = sw.closed ? (row.ibfKa ?? 0) : 0;
      if (sw.closed) notes.push(`${id} couples buses: taken to carry the whole arcing current`);
    } else {
      boltedKa = paths?.switchCurrent(row.bus.id, sw) ?? 0;
    }
    devices.push({ switch: sw, via: "set", boltedKa });
  }
  return { devices, uncleared: null, notes };
}

/**
 * Chooses the devices of every bus of `rows` (the in-range ones). With `noProtection` (no switch
 * has protection) nothing is searched; `paths` is then only there for devices named by buses.
 */
export function chooseDevices(
  doc: NetworkDocument,
  rows: readonly ArcFlashBus[],
  paths: FaultPaths | undefined,
  noProtection: boolean,
): DeviceChoice[] {
  const switches = new Map(doc.switches.map((sw) => [sw.id, sw]));
  return rows.map((row): DeviceChoice => {
    if (row.bus.arc_flash?.devices) return setDevices(row, switches, paths);
    if (noProtection || !paths)
      return { devices: [], uncleared: "no switch in the network has protection", notes: [] };
    const found = paths.search(row.bus.id);
    const devices = found.devices.map(
      (d): ChosenDevice => ({ switch: d.switch, via: "found", boltedKa: d.currentKa }),
    );
    const notes: string[] = [];
    if (devices.length > 1) {
      notes.push(
        `cleared by the last of ${listed(devices.map((d) => d.switch.id))} (several paths feed the arc); set arc_flash.devices to choose`,
      );
    }
    const sources = [...new Set(found.unprotected)];
    const uncleared =
      sources.length > 0
        ? `current from the source at ${listed(sources)} reaches the arc through no protective device`
        : devices.length === 0
          ? "no protected switch found between the arc and the sources"
          : null;
    return { devices, uncleared, notes };
  });
}
