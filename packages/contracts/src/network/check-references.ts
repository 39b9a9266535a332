import type { NetworkDocument } from "./document.ts";
import type { Finding } from "./issues.ts";
import { SWITCH_TARGETS } from "./switches.ts";
import { type AnyElement, BUS_FIELDS, ELEMENT_COLLECTIONS, elementsOf, terminalsOf } from "./topology.ts";

function unknownBuses(doc: NetworkDocument, busIds: ReadonlySet<string>): Finding[] {
  const findings: Finding[] = [];
  for (const collection of ELEMENT_COLLECTIONS) {
    const fields: readonly string[] = BUS_FIELDS[collection];
    elementsOf(doc, collection).forEach((element, index) => {
      for (const field of fields) {
        const bus = String(element[field]);
        if (!busIds.has(bus)) {
          findings.push({
            severity: "error",
            path: [collection, index, field],
            message: `unknown bus "${bus}"`,
          });
        }
      }
    });
  }
  return findings;
}

/** A switch names a bus, or a branch that has `bus` as one of its ends. */
function switchTargets(doc: NetworkDocument, busIds: ReadonlySet<string>): Finding[] {
  const endsOf = (type: "line" | "transformer") =>
    new Map(
      SWITCH_TARGETS[type].flatMap((c) => elementsOf(doc, c).map((e) => [e.id, terminalsOf(c, e)] as const)),
    );
  // Built on the first switch that names a branch: most large imported networks have no
  // switches, and the ends of ~16,000 branches were a visible share of a one-shot run.
  const ends: Partial<Record<"line" | "transformer", Map<string, string[]>>> = {};
  const branchEnds = (type: "line" | "transformer") => {
    ends[type] ??= endsOf(type);
    return ends[type];
  };
  const findings: Finding[] = [];
  doc.switches.forEach((sw, index) => {
    const path = ["switches", index, "element"];
    if (sw.element_type === "bus") {
      if (!busIds.has(sw.element))
        findings.push({ severity: "error", path, message: `unknown bus "${sw.element}"` });
      else if (sw.element === sw.bus)
        findings.push({ severity: "error", path, message: "must differ from bus" });
      return;
    }
    const terminals = branchEnds(sw.element_type).get(sw.element);
    if (!terminals) {
      findings.push({ severity: "error", path, message: `unknown ${sw.element_type} "${sw.element}"` });
    } else if (!terminals.includes(sw.bus)) {
      findings.push({
        severity: "error",
        path: ["switches", index, "bus"],
        message: `bus "${sw.bus}" is not an end of ${sw.element_type} "${sw.element}"`,
      });
    }
  });
  return findings;
}

/** A power station unit pairs a generator with the transformer on whose LV side it sits. */
function powerStationTransformers(doc: NetworkDocument): Finding[] {
  const transformers = new Map<string, AnyElement>(doc.transformers.map((t) => [t.id, t]));
  const findings: Finding[] = [];
  doc.generators.forEach((gen, index) => {
    if (gen.power_station_trafo === undefined) return;
    const path = ["generators", index, "power_station_trafo"];
    const trafo = transformers.get(gen.power_station_trafo);
    if (!trafo) {
      findings.push({ severity: "error", path, message: `unknown transformer "${gen.power_station_trafo}"` });
    } else if (trafo.lv_bus !== gen.bus) {
      findings.push({
        severity: "warning",
        path,
        message: `generator is not on the LV bus of "${trafo.id}"`,
      });
    }
  });
  return findings;
}

/** A bus's arc_flash.devices name switches. */
function arcFlashDevices(doc: NetworkDocument): Finding[] {
  const switchIds = new Set(doc.switches.map((sw) => sw.id));
  const findings: Finding[] = [];
  doc.buses.forEach((bus, index) => {
    bus.arc_flash?.devices?.forEach((device, i) => {
      if (!switchIds.has(device))
        findings.push({
          severity: "error",
          path: ["buses", index, "arc_flash", "devices", i],
          message: `unknown switch "${device}"`,
        });
    });
  });
  return findings;
}

export function unknownReferences(doc: NetworkDocument): Finding[] {
  const busIds = new Set(doc.buses.map((bus) => bus.id));
  return [
    ...unknownBuses(doc, busIds),
    ...switchTargets(doc, busIds),
    ...powerStationTransformers(doc),
    ...arcFlashDevices(doc),
  ];
}
