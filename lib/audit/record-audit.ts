import type { Tx } from "@/lib/db";
import type { Prisma } from "@/prisma/generated/client";
import type { Actor } from "@/lib/authz/actor";
import { GENESIS_HASH, chainHash } from "@/lib/audit/chain";
import { canonicalJson } from "@/lib/audit/canonical-json";

export type AuditSubject = { type: string; id: string };

/**
 * Appends one event to the workspace's hash chain inside the caller's transaction, so the change and
 * its audit record commit or roll back together. A per-workspace advisory lock orders concurrent writers.
 */
export async function recordAudit(
  tx: Tx,
  actor: Actor,
  action: string,
  subject: AuditSubject | null,
  data: Record<string, unknown> = {},
) {
  const { workspaceId } = actor;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${"audit:" + workspaceId}, 0))`;
  const head = await tx.auditEvent.findFirst({
    where: { workspaceId },
    orderBy: { seq: "desc" },
    select: { seq: true, hash: true },
  });
  const fields = {
    workspaceId,
    seq: (head?.seq ?? 0) + 1,
    actorType: actor.type,
    actorId: actor.type === "USER" ? actor.userId : actor.type === "API_KEY" ? actor.apiKeyId : null,
    actorLabel: actor.label,
    action,
    subjectType: subject?.type ?? null,
    subjectId: subject?.id ?? null,
    // Round-trip through canonical JSON so what is hashed is exactly what jsonb will hand back.
    data: JSON.parse(canonicalJson(data)) as Prisma.InputJsonObject,
    at: new Date(),
    prevHash: head?.hash ?? GENESIS_HASH,
  };
  return tx.auditEvent.create({ data: { ...fields, hash: chainHash(fields) } });
}
