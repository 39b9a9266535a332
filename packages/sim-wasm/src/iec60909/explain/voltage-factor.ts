// The voltage factor c of the equivalent voltage source at the fault and the IEC 60909-0:2016
// Table 1 row it comes from (or the option / load flow that replaced it).

import type { BusResultExplanation, ShortCircuitOptions } from "@ampflux/contracts";

const TABLE_1 = "IEC 60909-0:2016 Table 1";

export function explainVoltageFactor(
  options: ShortCircuitOptions,
  unKv: number,
  c: number,
  superposition: boolean,
): BusResultExplanation["voltage_factor"] {
  const which = options.case === "max" ? "c_max" : "c_min";
  if (superposition) {
    return {
      c,
      un_kv: unKv,
      source: "load_flow",
      row: `superposition method: |U| before the fault from the load flow (${c.toFixed(4)} p.u.) instead of ${which}`,
      clause: "IEC 60909-0:2016 §4.2 (Figure 4, superposition); Grainger & Stevenson §10.3",
    };
  }
  const override = options.case === "max" ? options.c_max : options.c_min;
  if (override !== undefined) {
    return {
      c,
      un_kv: unKv,
      source: "option",
      row: `${which} = ${override} given in the options for every voltage level (instead of Table 1)`,
      clause: TABLE_1,
    };
  }
  // Table 1: Un ≤ 1 kV depends on the system's voltage tolerance; above 1 kV 1.10 / 1.00.
  const row =
    unKv <= 1
      ? `low voltage (Un ≤ 1 kV), tolerance +${options.lv_tolerance_percent} %: ${which} = ${
          options.lv_tolerance_percent === 6
            ? options.case === "max"
              ? "1.05"
              : "0.95"
            : options.case === "max"
              ? "1.10"
              : "0.90"
        }`
      : `medium and high voltage (Un > 1 kV): ${which} = ${options.case === "max" ? "1.10" : "1.00"}`;
  return { c, un_kv: unKv, source: "table_1", row, clause: TABLE_1 };
}
