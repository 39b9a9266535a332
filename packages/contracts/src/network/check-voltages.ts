import type { ElementCollection, NetworkDocument } from "./document.ts";
import type { Finding } from "./issues.ts";
import { elementsOf } from "./topology.ts";

/** Rated voltages further than this from the bus nominal voltage are probably data errors. */
const VOLTAGE_TOLERANCE = 0.1;

const RATED_VOLTAGES: readonly [ElementCollection, string, string][] = [
  ["transformers", "vn_hv_kv", "hv_bus"],
  ["transformers", "vn_lv_kv", "lv_bus"],
  ["transformers3w", "vn_hv_kv", "hv_bus"],
  ["transformers3w", "vn_mv_kv", "mv_bus"],
  ["transformers3w", "vn_lv_kv", "lv_bus"],
  ["generators", "vn_kv", "bus"],
  ["motors", "vn_kv", "bus"],
  ["shunts", "vn_kv", "bus"],
];

/** Warns where an element's rated voltage does not fit the bus it is connected to. */
export function ratedVoltageMismatches(doc: NetworkDocument): Finding[] {
  const busVoltage = new Map(doc.buses.map((bus) => [bus.id, bus.vn_kv]));
  const findings: Finding[] = [];
  for (const [collection, voltageField, busField] of RATED_VOLTAGES) {
    elementsOf(doc, collection).forEach((element, index) => {
      const bus = String(element[busField]);
      const vnBus = busVoltage.get(bus);
      const vn = Number(element[voltageField]);
      if (vnBus === undefined || Math.abs(vn / vnBus - 1) <= VOLTAGE_TOLERANCE) return;
      findings.push({
        severity: "warning",
        path: [collection, index, voltageField],
        message: `${vn} kV differs by more than ${VOLTAGE_TOLERANCE * 100} % from bus "${bus}" (${vnBus} kV)`,
      });
    });
  }
  return findings;
}
