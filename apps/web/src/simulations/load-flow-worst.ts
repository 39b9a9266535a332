// The CSV downloads of a batch study's N-1 load flows: a comment line saying what computed them
// and the limits, then the columns contracts define (batch-load-flow.ts), written by writeCsv.

import {
  LOAD_FLOW_WORST_BRANCH_CSV_COLUMNS,
  LOAD_FLOW_WORST_BUS_CSV_COLUMNS,
  type LoadFlowWorst,
  writeCsv,
} from "@ampflux/contracts";

const comment = (worst: LoadFlowWorst, simulationId: string) => {
  const l = worst.limits;
  return `# N-1 load flow of batch study ${simulationId}: ${worst.steps} load flows, limits ${l.vm_min_pu}..${l.vm_max_pu} pu, ${l.loading_max_percent} %\n`;
};

/** Per bus the lowest and highest Vm with their outages (empty outage: the base case). */
export const worstVoltagesCsv = (worst: LoadFlowWorst, simulationId: string) =>
  comment(worst, simulationId) + writeCsv(LOAD_FLOW_WORST_BUS_CSV_COLUMNS, worst.buses);

/** Per branch (winding) the highest loading and its current with the outage. */
export const worstLoadingCsv = (worst: LoadFlowWorst, simulationId: string) =>
  comment(worst, simulationId) + writeCsv(LOAD_FLOW_WORST_BRANCH_CSV_COLUMNS, worst.branches);
