// Whether a report still describes the network: its content hash (reportContentHash over the
// version's document, the study's options and the engine) against the same hash taken with the
// circuit's current version. "Current" is the project's highest version number: versions are
// immutable snapshots numbered up per project (packages/db/src/schema/projects.ts), so the
// newest one is what an engineer would study now. A new version with an identical document
// does not outdate a report; a changed document, or a new engine, does.

import { circuitVersions, type Executor, reportContentHash } from "@ampflux/db";
import { EXPECTED_ABI_VERSION } from "@ampflux/sim-wasm";
import { desc, eq } from "drizzle-orm";

/** The engine a report's numbers come from: a new ABI (a new engine build's contract) outdates reports. */
export const REPORT_ENGINE = `@ampflux/sim-wasm abi ${EXPECTED_ABI_VERSION}`;

export const contentHashOf = (document: unknown, studyOptions: unknown) =>
  reportContentHash({ document, studyOptions, engine: REPORT_ENGINE });

export interface CurrentVersion {
  id: string;
  version: number;
  document: unknown;
}

export async function currentVersion(db: Executor, projectId: string): Promise<CurrentVersion | undefined> {
  const [row] = await db
    .select({ id: circuitVersions.id, version: circuitVersions.version, document: circuitVersions.document })
    .from(circuitVersions)
    .where(eq(circuitVersions.projectId, projectId))
    .orderBy(desc(circuitVersions.version))
    .limit(1);
  return row;
}

/**
 * Outdated flags for reports of one project: the current document is hashed once per distinct
 * study options (reports of one study share them), not once per report.
 */
export function outdatedChecker(current: CurrentVersion | undefined) {
  const hashes = new Map<string, string>();
  return (report: { contentHash: string; studyOptions: unknown; simulationId: string }): boolean => {
    if (!current) return true;
    let hash = hashes.get(report.simulationId);
    if (hash === undefined) {
      hash = contentHashOf(current.document, report.studyOptions);
      hashes.set(report.simulationId, hash);
    }
    return hash !== report.contentHash;
  };
}
