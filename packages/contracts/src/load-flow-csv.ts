// Load-flow results as CSV: the one list of columns the command line (`ampflux loadflow --format
// csv`) and the api's download (simulations.loadFlowCsv) both write, in the style of results-csv.ts.

import type { LoadFlowBranchResult, LoadFlowBusResult, LoadFlowSourceResult } from "./load-flow.ts";

/** Per-bus columns, one row per bus in the document's order. */
export const LOAD_FLOW_BUS_CSV_COLUMNS = [
  "bus",
  "type",
  "vm_pu",
  "va_degree",
  "p_mw",
  "q_mvar",
] as const satisfies readonly (keyof LoadFlowBusResult)[];

/** Per-branch columns, one row per branch (a three-winding transformer: one per winding). */
export const LOAD_FLOW_BRANCH_CSV_COLUMNS = [
  "id",
  "kind",
  "from_bus",
  "to_bus",
  "p_from_mw",
  "q_from_mvar",
  "i_from_ka",
  "p_to_mw",
  "q_to_mvar",
  "i_to_ka",
  "pl_mw",
  "ql_mvar",
  "loading_percent",
] as const satisfies readonly (keyof LoadFlowBranchResult)[];

/** Per-source columns: what each external grid and generator feeds. */
export const LOAD_FLOW_SOURCE_CSV_COLUMNS = [
  "id",
  "kind",
  "bus",
  "p_mw",
  "q_mvar",
] as const satisfies readonly (keyof LoadFlowSourceResult)[];

/** The tables of a load-flow result, each written as its own CSV file. */
export const LOAD_FLOW_CSV = {
  buses: LOAD_FLOW_BUS_CSV_COLUMNS,
  branches: LOAD_FLOW_BRANCH_CSV_COLUMNS,
  sources: LOAD_FLOW_SOURCE_CSV_COLUMNS,
} as const;

export type LoadFlowCsvTable = keyof typeof LOAD_FLOW_CSV;
