// The diagram's content: every bus with its geo position (when it has one) and its value, the
// branches as bus pairs (a three-winding transformer as its two pairs from the HV winding; series
// impedances as theirs) and
// the colour key. Positions for buses without geo come later, from the renderer's layout.

import type { ReportDiagram, ReportDiagramBranch, ReportDiagramBus } from "@ampflux/contracts";
import { colourOf, currentKey, energyKey, NO_VALUE_COLOUR } from "./colour-key.ts";

interface BusInput {
  id: string;
  name?: string;
  vn_kv: number;
  geo?: { x: number; y: number };
}
type Elements = readonly Record<string, unknown>[] | undefined;

const inService = (e: Record<string, unknown>) => e.in_service !== false;
const str = (v: unknown) => String(v);

export function diagramBranches(document: Record<string, unknown>): ReportDiagramBranch[] {
  const branches: ReportDiagramBranch[] = [];
  for (const line of (document.lines as Elements) ?? [])
    branches.push({
      id: str(line.id),
      kind: "line",
      from_bus: str(line.from_bus),
      to_bus: str(line.to_bus),
      in_service: inService(line),
    });
  for (const t of (document.transformers as Elements) ?? [])
    branches.push({
      id: str(t.id),
      kind: "transformer",
      from_bus: str(t.hv_bus),
      to_bus: str(t.lv_bus),
      in_service: inService(t),
    });
  for (const t of (document.transformers3w as Elements) ?? []) {
    for (const side of ["mv_bus", "lv_bus"])
      branches.push({
        id: str(t.id),
        kind: "transformer3w",
        from_bus: str(t.hv_bus),
        to_bus: str(t[side]),
        in_service: inService(t),
      });
  }
  for (const z of (document.impedances as Elements) ?? [])
    branches.push({
      id: str(z.id),
      kind: "impedance",
      from_bus: str(z.from_bus),
      to_bus: str(z.to_bus),
      in_service: inService(z),
    });
  for (const s of (document.switches as Elements) ?? []) {
    // Only bus–bus switches join two buses; a switch at a branch end is part of that branch.
    if (s.element_type === "bus")
      branches.push({
        id: str(s.id),
        kind: "switch",
        from_bus: str(s.bus),
        to_bus: str(s.element),
        in_service: s.closed !== false,
      });
  }
  return branches;
}

/** values: the quantity per bus id (I''k in kA, or arc-flash energy in cal/cm²). */
export function buildDiagram(
  document: Record<string, unknown>,
  quantity: ReportDiagram["quantity"],
  values: ReadonlyMap<string, number | null>,
): ReportDiagram {
  const numbers = [...values.values()].filter((v): v is number => v !== null);
  const key = quantity === "energy_cal_cm2" ? energyKey() : currentKey(numbers);
  const buses: ReportDiagramBus[] = ((document.buses as BusInput[] | undefined) ?? []).map((bus) => {
    const value = values.get(bus.id) ?? null;
    return {
      id: bus.id,
      name: bus.name ?? null,
      vn_kv: bus.vn_kv,
      geo: bus.geo ? { x: bus.geo.x, y: bus.geo.y } : null,
      value,
      colour: colourOf(value, key),
    };
  });
  return {
    quantity,
    label: quantity === "energy_cal_cm2" ? "Arc-flash incident energy (cal/cm²)" : "I''k (kA)",
    unit: quantity === "energy_cal_cm2" ? "cal/cm²" : "kA",
    buses,
    branches: diagramBranches(document),
    key,
    no_value_colour: NO_VALUE_COLOUR,
  };
}
