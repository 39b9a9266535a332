import { auditLogs, type Executor } from "@ampflux/db";

export interface AuditEntry {
  action: string;
  projectId?: string | null;
  targetType?: string;
  targetId?: string;
  details?: Record<string, unknown>;
}

interface Actor {
  user: { id: string; companyId: string };
  client: { ip: string | undefined };
}

/** Records a state change; call it inside the change's transaction so both land or neither. */
export async function recordAudit(db: Executor, actor: Actor, entry: AuditEntry): Promise<void> {
  await db.insert(auditLogs).values({
    companyId: actor.user.companyId,
    userId: actor.user.id,
    projectId: entry.projectId ?? null,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    details: entry.details,
    ip: actor.client.ip,
  });
}
