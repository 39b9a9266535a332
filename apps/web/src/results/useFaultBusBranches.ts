import type { BranchFaultResult, EquipmentType } from "@ampflux/contracts";
import { useMemo } from "react";
import type { EditorDocument } from "../editor/model/document.ts";
import type { LiveStudyOptions } from "./protocol.ts";
import { useLiveResults } from "./useLiveResults.ts";

/** How a fault at one bus is fed: the engine's current into each branch end (lines, transformers). */
export interface FaultBusBranches {
  bus: string;
  status: "idle" | "computing" | "done" | "error";
  error: string | null;
  rows: BranchFaultResult[];
}

/**
 * The branch-end currents for a fault at `bus` (none while it is undefined): a study of that
 * one bus with branch currents, in its own engine worker, with the live study's fault, case and
 * factors (duty and arc flash left out: they need every bus). One computation feeds both the
 * Results tab's table and the diagram's arrows.
 */
export function useFaultBusBranches(
  doc: EditorDocument,
  bus: string | undefined,
  options: LiveStudyOptions,
  companyTypes: EquipmentType[],
): FaultBusBranches | null {
  const single = useMemo<LiveStudyOptions>(
    () => ({ ...options, duty: false, arc_flash: false, buses: bus ? [bus] : [], branches: true }),
    [options, bus],
  );
  const live = useLiveResults(doc, single, companyTypes, bus !== undefined);
  const rows = useMemo(
    () => (live.result?.branches ?? []).filter((b) => b.fault_bus === bus),
    [live.result, bus],
  );
  return bus === undefined ? null : { bus, status: live.status, error: live.error, rows };
}
