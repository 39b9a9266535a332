// Live collaboration: each saved version is NOTIFYed on the project's channel key, and editors
// of the project receive it at once (who saved which version, with what message), instead of
// learning of it only when their own save conflicts.

import { circuitVersions, type DbClient, type Executor, users } from "@ampflux/db";
import { and, asc, eq, gt, max, sql } from "drizzle-orm";
import type { Logger } from "../logger.ts";
import { liveFeed, payloadField, WakeHub } from "../wake-hub.ts";

const CIRCUIT_VERSIONS_CHANNEL = "circuit_versions";

export class CircuitHub extends WakeHub {
  constructor(database: DbClient, log: Logger) {
    super(database, log, {
      channel: CIRCUIT_VERSIONS_CHANNEL,
      label: "circuit version",
      keyOf: (payload) => payloadField(payload, "projectId"),
    });
  }
}

/** Announces a saved version; sent when the saving transaction commits, not before. */
export async function notifyVersionSaved(tx: Executor, projectId: string): Promise<void> {
  await tx.execute(sql`select pg_notify(${CIRCUIT_VERSIONS_CHANNEL}, ${JSON.stringify({ projectId })})`);
}

function versionsAfter(db: Executor, projectId: string, version: number, limit: number) {
  return db
    .select({
      version: circuitVersions.version,
      message: circuitVersions.message,
      authorId: circuitVersions.authorId,
      authorName: users.name,
      createdAt: circuitVersions.createdAt,
    })
    .from(circuitVersions)
    .leftJoin(users, eq(users.id, circuitVersions.authorId))
    .where(and(eq(circuitVersions.projectId, projectId), gt(circuitVersions.version, version)))
    .orderBy(asc(circuitVersions.version))
    .limit(limit);
}

async function latestVersion(db: Executor, projectId: string): Promise<number> {
  const [row] = await db
    .select({ version: max(circuitVersions.version) })
    .from(circuitVersions)
    .where(eq(circuitVersions.projectId, projectId));
  return row?.version ?? 0;
}

/** Versions of the project saved after `afterVersion` (else after the latest now), as they come. */
export function liveVersions(
  hub: CircuitHub,
  db: Executor,
  projectId: string,
  afterVersion: number | undefined,
  signal: AbortSignal | undefined,
) {
  return liveFeed({
    hub,
    key: projectId,
    after: afterVersion,
    newest: () => latestVersion(db, projectId),
    rowsAfter: (version, limit) => versionsAfter(db, projectId, version, limit),
    idOf: (row) => row.version,
    events: async (rows) => rows,
    signal,
  });
}
