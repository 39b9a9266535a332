// Built-in switchgear types from IEC preferred values, so a network can be rated before any
// datasheet is at hand. The ratings follow the standards' own relations:
// - Rated voltages: IEC 62271-1:2017 Table 1 (series I); LV 0.69 kV (IEC 60947-2 Ue).
// - Rated short-circuit breaking and short-time withstand currents: the R10 series
//   (IEC 62271-1 §5.6, IEC 60059), 6.3–63 kA; rated duration of short circuit 1 s (§5.8).
// - HV making current and switchgear peak withstand: 2.5 × the r.m.s. rating at 50 Hz with the
//   standard time constant 45 ms (IEC 62271-100 §4.103, IEC 62271-1 §5.7).
// - LV making capacity and assembly peak withstand: n × the r.m.s. rating, n from IEC 60947-2
//   Table 2 and IEC 61439-1 Table 7 (same factors).
// Names say what the type is, e.g. "CB 24 kV 25 kA (IEC 62271-100)".

import type { BusTypeValues, SwitchTypeValues } from "./schema.ts";

export const IEC_SWITCHGEAR_SOURCE =
  "IEC 62271-1/-100 preferred values (R10 series, 1 s, Icm = 2.5·Isc at 50 Hz); LV: IEC 60947-2 Table 2, IEC 61439-1 Table 7";

/** The R10 series of IEC 60059 from 6.3 to 63 kA. */
export const R10_KA = [6.3, 8, 10, 12.5, 16, 20, 25, 31.5, 40, 50, 63] as const;

/** IEC 62271-1 Table 1 rated voltages (kV) with the breaking currents usually offered at each. */
const HV_RATINGS: ReadonlyArray<readonly [kv: number, ka: readonly number[]]> = [
  [12, [16, 20, 25, 31.5, 40]],
  [17.5, [16, 20, 25, 31.5, 40]],
  [24, [16, 20, 25, 31.5]],
  [36, [16, 20, 25, 31.5, 40]],
  [72.5, [20, 25, 31.5, 40]],
  [123, [25, 31.5, 40]],
  [145, [31.5, 40, 50]],
  [245, [40, 50, 63]],
  [420, [40, 50, 63]],
];

const LV_KV = 0.69;
const HV_PEAK_FACTOR = 2.5;
const DC_TIME_CONSTANT_MS = 45;
const RATED_DURATION_S = 1;

/** n = Ipk / Icw for LV (IEC 60947-2 Table 2 = IEC 61439-1 Table 7), by the r.m.s. value in kA. */
export function lowVoltagePeakFactor(rmsKa: number): number {
  if (rmsKa <= 5) return 1.5;
  if (rmsKa <= 10) return 1.7;
  if (rmsKa <= 20) return 2.0;
  if (rmsKa <= 50) return 2.1;
  return 2.2;
}

const round = (value: number) => Math.round(value * 100) / 100;

export function iecCircuitBreakerTypes(): Array<readonly [string, SwitchTypeValues]> {
  const hv = HV_RATINGS.flatMap(([kv, currents]) =>
    currents.map(
      (ka) =>
        [
          `CB ${kv} kV ${ka} kA (IEC 62271-100)`,
          {
            kind: "circuit_breaker",
            rated_voltage_kv: kv,
            breaking_ka: ka,
            making_ka: round(HV_PEAK_FACTOR * ka),
            short_time_ka: ka,
            short_time_s: RATED_DURATION_S,
            dc_time_constant_ms: DC_TIME_CONSTANT_MS,
          },
        ] as const,
    ),
  );
  const lv = R10_KA.map(
    (ka) =>
      [
        `CB ${LV_KV} kV ${ka} kA (IEC 60947-2)`,
        {
          kind: "circuit_breaker",
          rated_voltage_kv: LV_KV,
          breaking_ka: ka,
          making_ka: round(lowVoltagePeakFactor(ka) * ka),
          short_time_ka: ka,
          short_time_s: RATED_DURATION_S,
          dc_time_constant_ms: DC_TIME_CONSTANT_MS,
        },
      ] as const,
  );
  return [...lv, ...hv];
}

export function iecSwitchboardTypes(): Array<readonly [string, BusTypeValues]> {
  const hv = R10_KA.map(
    (ka) =>
      [
        `Switchgear ${ka} kA 1 s (IEC 62271-200)`,
        { peak_withstand_ka: round(HV_PEAK_FACTOR * ka), short_time_ka: ka, short_time_s: RATED_DURATION_S },
      ] as const,
  );
  const lv = R10_KA.map(
    (ka) =>
      [
        `LV switchboard ${ka} kA 1 s (IEC 61439-1)`,
        {
          peak_withstand_ka: round(lowVoltagePeakFactor(ka) * ka),
          short_time_ka: ka,
          short_time_s: RATED_DURATION_S,
        },
      ] as const,
  );
  return [...lv, ...hv];
}
