import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record-audit";
import { systemActor } from "@/lib/authz/actor";
import { remediationStatusesAllowing, verification, type ObservedState, type RemediationDetail } from "@/lib/remediation/rules";

/**
 * Called by the inventory sync after it has applied a sync's rows (SourceSync `syncId`). Each open,
 * executed or failed remediation task of an identity in that source, opened before the sync started,
 * is VERIFIED if the synced inventory shows the credential disabled / entitlement gone — never on the
 * word of the webhook or the person alone. Returns the ids of the tasks verified.
 */
export async function verifyRemediationAfterSync(workspaceId: string, syncId: string): Promise<string[]> {
  const sync = await db.sourceSync.findFirst({ where: { id: syncId, workspaceId }, select: { id: true, sourceId: true, status: true, startedAt: true, finishedAt: true } });
  if (!sync || sync.status === "FAILED" || sync.status === "QUEUED") return [];
  const tasks = await db.remediationTask.findMany({
    where: { workspaceId, status: { in: remediationStatusesAllowing("verified") }, createdAt: { lt: sync.startedAt } },
    select: { id: true, identityId: true, action: true, detail: true },
  });
  if (!tasks.length) return [];
  const identities = await db.identity.findMany({
    where: { workspaceId, id: { in: [...new Set(tasks.map((t) => t.identityId))] }, sourceId: sync.sourceId },
    select: { id: true, status: true, credentials: { select: { id: true, status: true } }, entitlements: { select: { id: true, status: true } } },
  });
  const byId = new Map(identities.map((i) => [i.id, i]));
  const verified: string[] = [];
  const at = sync.finishedAt ?? new Date();
  for (const task of tasks) {
    const identity = byId.get(task.identityId);
    const detail = task.detail as unknown as RemediationDetail;
    if (!identity || detail.identity.sourceId !== sync.sourceId) continue;
    const observed: ObservedState = {
      identityStatus: identity.status,
      credentials: new Map(identity.credentials.map((c) => [c.id, c.status])),
      entitlements: new Map(identity.entitlements.map((e) => [e.id, e.status])),
    };
    const how = verification(task.action, detail, observed);
    if (!how) continue;
    const done = await db.$transaction(async (tx) => {
      const claimed = await tx.remediationTask.updateMany({
        where: { id: task.id, status: { in: remediationStatusesAllowing("verified") } },
        data: { status: "VERIFIED", verifiedAt: at, verifiedHow: `sync ${sync.id}: ${how}`, verifySyncId: sync.id },
      });
      if (claimed.count === 0) return false;
      await tx.finding.updateMany({
        where: { workspaceId, kind: "REMEDIATION_OVERDUE", identityId: task.identityId, status: { in: ["OPEN", "IN_REVIEW"] }, detail: { path: ["taskId"], equals: task.id } },
        data: { status: "RESOLVED", resolvedAt: at },
      });
      await recordAudit(tx, systemActor(workspaceId, "remediation-verifier"), "remediation.verified", { type: "RemediationTask", id: task.id }, { syncId: sync.id, how });
      return true;
    });
    if (done) verified.push(task.id);
  }
  return verified;
}
