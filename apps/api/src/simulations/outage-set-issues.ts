// What is wrong with an N-1 screening's outage set, found before the study is queued: ids that
// name no branch of the version, and a voltage range whose ends are the wrong way round.

import {
  type NetworkDocument,
  type NetworkIssue,
  type OutageScreeningOptions,
  outageBranchIds,
} from "@ampflux/contracts";

/**
 * Issues with paths under the study's options (empty: the set is fine). The version's document is
 * read only for a list of ids: "all" needs none.
 */
export async function outageSetIssues(
  options: OutageScreeningOptions,
  document: () => Promise<NetworkDocument>,
): Promise<NetworkIssue[]> {
  const issues: NetworkIssue[] = [];
  if (options.outages !== "all") {
    const branches = outageBranchIds(await document());
    options.outages.forEach((id, k) => {
      if (!branches.has(id))
        issues.push({
          path: ["outages", k],
          message: `no line, transformer, three-winding transformer or impedance "${id}" in this version`,
        });
    });
  }
  if (options.min_kv !== undefined && options.max_kv !== undefined && options.min_kv > options.max_kv)
    issues.push({
      path: ["min_kv"],
      message: `the range ${options.min_kv}–${options.max_kv} kV is empty: min_kv is above max_kv`,
    });
  return issues;
}
