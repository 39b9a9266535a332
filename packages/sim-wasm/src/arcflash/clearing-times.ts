// Arc durations: each chosen device's clearing time at its share of the arcing current (its
// bolted-fault branch current × Iarc/Ibf, and × Iarc_min/Ibf for the reduced current), all in
// one call of the protection kernel. The arc lasts until the last device on any path has
// cleared (conservative: while one path still feeds it, it burns). No device, a path without
// one, or a device that does not pick up leaves the duration to the cap of
// arc_flash_max_duration_s (IEEE 1584-2018 §6.9.1), or without a cap to no result at all.

import type { ArcFlashDevice, Switch, SwitchProtection } from "@ampflux/contracts";
import type { SimExports } from "../loader.ts";
import type { ArcFlashBus } from "./bus-inputs.ts";
import type { DeviceChoice } from "./device-choice.ts";
import { type ArcingCurrents, type TripDevice, tripTimes } from "./kernels.ts";

/**
 * Breaker opening times where a switch gives none, by voltage: IEEE 1584-2002 Table 1 ("power
 * circuit breaker operating times", excluding relay time) — below 1 kV the insulated-case /
 * power circuit breaker's 3 cycles (not the molded-case 1.5 cycles: the longer time is the
 * conservative one), 1–35 kV 5 cycles, above 35 kV 8 cycles — at the network frequency.
 */
export function defaultOpeningMs(vnKv: number, frequencyHz: number): { ms: number; cycles: number } {
  const cycles = vnKv <= 1 ? 3 : vnKv <= 35 ? 5 : 8;
  return { ms: (1000 * cycles) / frequencyHz, cycles };
}

const hasRelayStage = (p: SwitchProtection) =>
  p.inverse !== undefined || p.definite !== undefined || p.instantaneous !== undefined;

export interface ArcDuration {
  /** Arc durations for the full and reduced arcing current (ms); null: no device and no cap. */
  timeMs: number | null;
  timeMinMs: number | null;
  devices: ArcFlashDevice[];
  notes: string[];
  /** Why there is no duration (status no_device), naming what to set. */
  noDevice: string | null;
}

export interface ClearingTimes {
  durations: ArcDuration[];
  /** Switches whose relay stages got a default opening time. */
  defaultOpenings: string[];
}

const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toPrecision(3)} s` : `${ms.toPrecision(3)} ms`);

export interface ClearingInput {
  sim: SimExports;
  /** Buses, their arcing currents (same rows) and chosen devices. */
  rows: readonly ArcFlashBus[];
  currents: ArcingCurrents;
  choices: readonly DeviceChoice[];
  /** arc_flash_max_duration_s in ms; null: no cap. */
  capMs: number | null;
  frequencyHz: number;
  vnKvOfBus: (bus: string) => number;
}

export function clearingTimes(input: ClearingInput): ClearingTimes {
  const { sim, rows, currents, choices, capMs, frequencyHz } = input;
  // Every (bus, device, case) as one row of one tripTimes call.
  const trip: TripDevice[] = [];
  const amps: number[] = [];
  const openingNotes = new Map<string, string>();
  // One TripDevice per switch, however many buses it clears.
  const tripDevices = new Map<Switch, TripDevice>();
  const tripDevice = (sw: Switch, protection: SwitchProtection): TripDevice => {
    let device = tripDevices.get(sw);
    if (device) return device;
    let openingMs = sw.opening_time_ms ?? 0;
    if (sw.opening_time_ms === undefined && hasRelayStage(protection)) {
      const kv = input.vnKvOfBus(sw.bus);
      const d = defaultOpeningMs(kv, frequencyHz);
      openingNotes.set(
        sw.id,
        `${sw.id}: opening time not given, ${d.cycles} cycles (${fmt(d.ms)}) at ${kv} kV (IEEE 1584-2002 Table 1)`,
      );
      openingMs = d.ms;
    }
    device = { protection, openingMs };
    tripDevices.set(sw, device);
    return device;
  };
  const slots = rows.map((row, r) => {
    const ibf = row.ibfKa ?? Number.NaN;
    const full = (currents.iarcKa[r] ?? Number.NaN) / ibf;
    const reduced = (currents.iarcMinKa[r] ?? Number.NaN) / ibf;
    return (choices[r]?.devices ?? []).map((d) => {
      const current = d.boltedKa * full;
      const currentMin = d.boltedKa * reduced;
      if (!d.switch.protection || !d.switch.closed) return { d, current, currentMin, at: -1 };
      const device = tripDevice(d.switch, d.switch.protection);
      const at = trip.length;
      trip.push(device, device);
      amps.push(current, currentMin);
      return { d, current, currentMin, at };
    });
  });
  const times = trip.length > 0 ? tripTimes(sim, trip, Float64Array.from(amps)) : new Float64Array();
  const timeAt = (k: number) => {
    const t = k < 0 ? Number.POSITIVE_INFINITY : (times[k] ?? Number.POSITIVE_INFINITY);
    return Number.isFinite(t) ? t : null;
  };
  const durations = rows.map((_row, r): ArcDuration => {
    const choice = choices[r] ?? { devices: [], uncleared: "no device", notes: [] };
    const devices = (slots[r] ?? []).map(
      ({ d, current, currentMin, at }): ArcFlashDevice => ({
        switch: d.switch.id,
        via: d.via,
        current_ka: current,
        current_min_ka: currentMin,
        time_ms: timeAt(at),
        time_min_ms: timeAt(at < 0 ? at : at + 1),
      }),
    );
    const notes = [...choice.notes];
    for (const d of devices) {
      const note = openingNotes.get(d.switch);
      if (note) notes.push(note);
    }
    const full = arcDuration("full", devices, (d) => d.time_ms, choice.uncleared, capMs, notes);
    const reduced = arcDuration("reduced", devices, (d) => d.time_min_ms, choice.uncleared, capMs, notes);
    const noDevice = full.noDevice ?? reduced.noDevice;
    return { timeMs: full.ms, timeMinMs: reduced.ms, devices, notes, noDevice };
  });
  return { durations, defaultOpenings: [...openingNotes.keys()] };
}

/** One case's duration: the last device to clear, or the cap when something does not clear. */
function arcDuration(
  which: "full" | "reduced",
  devices: readonly ArcFlashDevice[],
  time: (d: ArcFlashDevice) => number | null,
  uncleared: string | null,
  capMs: number | null,
  notes: string[],
): { ms: number | null; noDevice: string | null } {
  const stuck = devices.filter((d) => time(d) === null).map((d) => d.switch);
  const why =
    uncleared ??
    (devices.length === 0
      ? "no device clears the arc"
      : stuck.length > 0
        ? `${stuck.join(", ")} ${stuck.length > 1 ? "do" : "does"} not trip at the ${which} arcing current`
        : null);
  const last = Math.max(0, ...devices.map((d) => time(d) ?? 0));
  if (why !== null) {
    if (capMs === null)
      return { ms: null, noDevice: `${why}, and arc_flash_max_duration_s is null (no duration cap)` };
    // Identical for both cases unless a device trips for one current only: noted once.
    const note = `${why}: arc duration = the ${fmt(capMs)} cap (arc_flash_max_duration_s, IEEE 1584-2018 §6.9.1)`;
    if (!notes.includes(note)) notes.push(note);
    return { ms: capMs, noDevice: null };
  }
  if (capMs !== null && last > capMs) {
    notes.push(
      `${which} arc: ${fmt(last)} capped at ${fmt(capMs)} (arc_flash_max_duration_s, IEEE 1584-2018 §6.9.1)`,
    );
    return { ms: capMs, noDevice: null };
  }
  return { ms: last, noDevice: null };
}
