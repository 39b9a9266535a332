// The checks of a switching device, by kind (DUTY_CHECKS_BY_KIND): a switch without a kind is
// checked as a circuit breaker. Disconnectors and switch-disconnectors have no breaking rating;
// their "making" check is the rated peak withstand (or short-circuit making) current making_ka.

import { DUTY_CHECKS_BY_KIND, type Switch, type SwitchKind } from "@ampflux/contracts";
import { DEFAULT_DC_TIME_CONSTANT_MS, DEFAULT_SHORT_TIME_S } from "./defaults.ts";
import type { DeviceCurrent } from "./device-current.ts";
import type { DutyBatch } from "./duty-batch.ts";

export interface StudyTimes {
  tminS: number;
  tkS: number;
}

/** `notes` with "<field> not set" added when the rating is missing. */
function ifUnset(notes: string[], field: string, value: number | undefined): string[] {
  if (value === undefined) notes.push(`${field} not set`);
  return notes;
}

export function switchChecks(
  sw: Switch,
  current: DeviceCurrent,
  times: StudyTimes,
  batch: DutyBatch,
  extraNote: string | undefined,
): void {
  const kind: SwitchKind = sw.kind ?? "circuit_breaker";
  const element = { id: sw.id, type: "switch" as const, kind };
  const notes = (): string[] => {
    const n: string[] = [];
    if (extraNote !== undefined) n.push(extraNote);
    if (sw.kind === undefined) n.push("kind not set: checked as a circuit breaker");
    return n;
  };
  const tminMs = times.tminS * 1000;
  // Ib is computed at tmin; a breaker that opens earlier meets a larger current than Ib.
  const early =
    sw.opening_time_ms !== undefined && sw.opening_time_ms < tminMs
      ? `opening_time_ms ${sw.opening_time_ms} ms is before tmin ${tminMs} ms: Ib was computed at tmin (not conservative)`
      : undefined;
  for (const check of DUTY_CHECKS_BY_KIND[kind]) {
    switch (check) {
      case "breaking_sym": {
        const n = ifUnset(notes(), "breaking_ka", sw.breaking_ka);
        if (kind === "fuse") {
          // A fuse clears within the first half cycle, before any a.c. decay: its breaking
          // capacity is compared with I''k (IEC 60269-1 §8.5), which is ≥ Ib.
          n.push("fuse: compared with I''k");
          batch.direct(element, check, current, current.ikss, sw.breaking_ka, n);
        } else {
          if (early) n.push(early);
          batch.direct(element, check, current, current.ib, sw.breaking_ka, n);
        }
        break;
      }
      case "breaking_asym": {
        const n = ifUnset(notes(), "breaking_ka", sw.breaking_ka);
        if (sw.opening_time_ms === undefined) n.push(`opening_time_ms defaulted to tmin (${tminMs} ms)`);
        if (early) n.push(early);
        if (sw.dc_time_constant_ms === undefined)
          n.push(`dc_time_constant_ms defaulted to ${DEFAULT_DC_TIME_CONSTANT_MS} ms`);
        const tOpMs = sw.opening_time_ms ?? tminMs;
        const tauMs = sw.dc_time_constant_ms ?? DEFAULT_DC_TIME_CONSTANT_MS;
        batch.breakingAsym(element, current, tOpMs / 1000, tauMs / 1000, sw.breaking_ka, n);
        break;
      }
      case "making":
        batch.direct(
          element,
          check,
          current,
          current.ip,
          sw.making_ka,
          ifUnset(notes(), "making_ka", sw.making_ka),
        );
        break;
      case "short_time": {
        const n = ifUnset(notes(), "short_time_ka", sw.short_time_ka);
        if (sw.short_time_ka !== undefined && sw.short_time_s === undefined)
          n.push(`short_time_s defaulted to ${DEFAULT_SHORT_TIME_S} s`);
        batch.shortTime(
          element,
          check,
          current,
          sw.short_time_ka,
          sw.short_time_s ?? DEFAULT_SHORT_TIME_S,
          n,
        );
        break;
      }
      default:
        throw new Error(`${check} is not a switch check`);
    }
  }
}
