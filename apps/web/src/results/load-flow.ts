// Load flow in the web app: the violation colours of the diagram, the legend and the tables, the
// size up to which the editor solves it live, and the rows with their violations.

import {
  branchViolation,
  busViolation,
  type LoadFlowBranchResult,
  type LoadFlowBusResult,
  type LoadFlowLimits,
  type LoadFlowViolation,
} from "@ampflux/contracts";

/**
 * Up to this many buses the editor solves the load flow in the browser on every edit; larger
 * networks run as a stored study (the api's default inline size, SIM_INLINE_MAX_BUSES).
 */
export const LIVE_LOAD_FLOW_MAX_BUSES = 2_000;

export type LoadFlowBand = LoadFlowViolation | "ok" | "none";

/** Colours: blue for low voltage, amber for high, red for an overload, green inside the limits. */
export const LOAD_FLOW_COLOURS: Record<LoadFlowBand, string> = {
  ok: "#15803d",
  undervoltage: "#2563eb",
  overvoltage: "#d97706",
  overload: "#dc2626",
  none: "#9ca3af",
};

export const LOAD_FLOW_BAND_LABELS: Record<LoadFlowBand, string> = {
  ok: "within limits",
  undervoltage: "undervoltage",
  overvoltage: "overvoltage",
  overload: "overloaded",
  none: "no voltage / no rating",
};

export const LOAD_FLOW_LEGEND: readonly LoadFlowBand[] = [
  "ok",
  "undervoltage",
  "overvoltage",
  "overload",
  "none",
];

export const busBand = (bus: Pick<LoadFlowBusResult, "vm_pu">, limits: LoadFlowLimits): LoadFlowBand =>
  bus.vm_pu === null ? "none" : (busViolation(bus, limits) ?? "ok");

export const branchBand = (
  branch: Pick<LoadFlowBranchResult, "loading_percent">,
  limits: LoadFlowLimits,
): LoadFlowBand => (branch.loading_percent === null ? "none" : (branchViolation(branch, limits) ?? "ok"));

/** The bus and branch rows with their violations (null: none), as the api's view has them. */
export function withViolations(
  result: { buses: readonly LoadFlowBusResult[]; branches: readonly LoadFlowBranchResult[] },
  limits: LoadFlowLimits,
) {
  return {
    buses: result.buses.map((b) => ({ ...b, violation: busViolation(b, limits) })),
    branches: result.branches.map((b) => ({ ...b, violation: branchViolation(b, limits) })),
  };
}

export type LoadFlowBusRow = ReturnType<typeof withViolations>["buses"][number];
export type LoadFlowBranchRow = ReturnType<typeof withViolations>["branches"][number];
