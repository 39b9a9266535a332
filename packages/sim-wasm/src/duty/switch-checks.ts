// The checks of a switching device, by kind (DUTY_CHECKS_BY_KIND): a switch without a kind is
// checked as a circuit breaker. Disconnectors and switch-disconnectors have no breaking rating;
// their "making" check is the rated peak withstand (or short-circuit making) current making_ka.

import { DUTY_CHECKS_BY_KIND, type DutyCheckName, type Switch, type SwitchKind } from "@ampflux/contracts";
import { DEFAULT_DC_TIME_CONSTANT_MS, DEFAULT_SHORT_TIME_S } from "./defaults.ts";
import type { DeviceCurrent } from "./device-current.ts";
import type { CheckHead, DutyBatch } from "./duty-batch.ts";

export interface StudyTimes {
  tminS: number;
  tkS: number;
}

const unset = (field: string, value: number | undefined) => (value === undefined ? [`${field} not set`] : []);

/** The contact parting time: the default, and an opening before tmin (Ib is still taken at tmin). */
function openingNotes(sw: Switch, times: StudyTimes): { defaulted: string[]; early: string[] } {
  const tminMs = times.tminS * 1000;
  if (sw.opening_time_ms === undefined)
    return { defaulted: [`opening_time_ms defaulted to tmin (${tminMs} ms)`], early: [] };
  if (sw.opening_time_ms < tminMs)
    return {
      defaulted: [],
      early: [
        `opening_time_ms ${sw.opening_time_ms} ms is before tmin ${tminMs} ms: Ib was computed at tmin (not conservative)`,
      ],
    };
  return { defaulted: [], early: [] };
}

export function switchChecks(
  sw: Switch,
  current: DeviceCurrent,
  times: StudyTimes,
  batch: DutyBatch,
  notes: readonly string[],
): void {
  const kind: SwitchKind = sw.kind ?? "circuit_breaker";
  const common =
    sw.kind === undefined ? [...notes, "kind not set: checked as a circuit breaker"] : [...notes];
  const head = (check: DutyCheckName, more: string[]): CheckHead => ({
    element: sw.id,
    element_type: "switch",
    kind,
    check,
    notes: [...common, ...more],
  });
  const opening = openingNotes(sw, times);
  const checks: readonly DutyCheckName[] = DUTY_CHECKS_BY_KIND[kind];
  for (const check of checks) {
    switch (check) {
      case "breaking_sym":
        if (kind === "fuse")
          // A fuse clears within the first half cycle, before any a.c. decay: its breaking
          // capacity is compared with I''k (IEC 60269-1 §8.5), which is ≥ Ib.
          batch.direct(
            head(check, [...unset("breaking_ka", sw.breaking_ka), "fuse: compared with I''k"]),
            current,
            current.ikss,
            sw.breaking_ka,
          );
        else
          batch.direct(
            head(check, [...unset("breaking_ka", sw.breaking_ka), ...opening.early]),
            current,
            current.ib,
            sw.breaking_ka,
          );
        break;
      case "breaking_asym": {
        const tau = sw.dc_time_constant_ms ?? DEFAULT_DC_TIME_CONSTANT_MS;
        const tauNote =
          sw.dc_time_constant_ms === undefined
            ? [`dc_time_constant_ms defaulted to ${DEFAULT_DC_TIME_CONSTANT_MS} ms`]
            : [];
        batch.breakingAsym(
          head(check, [
            ...unset("breaking_ka", sw.breaking_ka),
            ...opening.defaulted,
            ...opening.early,
            ...tauNote,
          ]),
          current,
          (sw.opening_time_ms ?? times.tminS * 1000) / 1000,
          tau / 1000,
          sw.breaking_ka,
        );
        break;
      }
      case "making":
        batch.direct(head(check, unset("making_ka", sw.making_ka)), current, current.ip, sw.making_ka);
        break;
      case "short_time": {
        const duration = sw.short_time_s ?? DEFAULT_SHORT_TIME_S;
        const durationNote =
          sw.short_time_ka !== undefined && sw.short_time_s === undefined
            ? [`short_time_s defaulted to ${DEFAULT_SHORT_TIME_S} s`]
            : [];
        batch.shortTime(
          head(check, [...unset("short_time_ka", sw.short_time_ka), ...durationNote]),
          current,
          sw.short_time_ka,
          duration,
        );
        break;
      }
    }
  }
}
