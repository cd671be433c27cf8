import type { Tx } from "@/lib/db";
import type { Prisma } from "@/prisma/generated/client";
import type { Actor } from "@/lib/authz/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import type { IdentitySnapshot } from "@/lib/reviews/snapshot";
import { remediationDueAt, type RemediationDetail } from "@/lib/remediation/rules";

type DecisionRow = { id: string; kind: "REVOKE" | "REDUCE"; deciderId: string | null; decidedAt: Date; justification: string | null; removeEntitlementIds: string[] };

/**
 * Opens the remediation task for a REVOKE or REDUCE decision in the decision's own transaction, so a
 * decision that needs carrying out can never exist without its task. WEBHOOK when the workspace has
 * configured one, otherwise MANUAL, assigned to the decider (or the owner for a SYSTEM decision).
 */
export async function openRemediationTask(tx: Tx, actor: Actor, decision: DecisionRow, item: { identityId: string; snapshot: IdentitySnapshot }, slaDays: number) {
  const { workspaceId } = actor;
  const ws = await tx.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { remediationWebhookUrl: true, remediationWebhookSecretEncrypted: true, fallbackReviewerId: true } });
  const identity = await tx.identity.findFirstOrThrow({ where: { id: item.identityId, workspaceId }, select: { ownerId: true, source: { select: { name: true } } } });
  const snap = item.snapshot;
  const detail: RemediationDetail = {
    identity: { id: snap.identity.id, externalId: snap.identity.externalId, name: snap.identity.name, kind: snap.identity.kind, sourceId: snap.identity.sourceId, sourceName: identity.source.name },
    credentials: decision.kind === "REVOKE" ? snap.credentials.filter((c) => c.status !== "REMOVED").map((c) => ({ id: c.id, externalId: c.externalId, kind: c.kind })) : [],
    entitlements: (decision.kind === "REDUCE" ? snap.entitlements.filter((e) => decision.removeEntitlementIds.includes(e.id)) : snap.entitlements).map((e) => ({ id: e.id, name: e.name, resource: e.resource })),
    decision: { id: decision.id, kind: decision.kind, by: actor.label, at: decision.decidedAt.toISOString(), justification: decision.justification },
  };
  const webhook = Boolean(ws.remediationWebhookUrl && ws.remediationWebhookSecretEncrypted);
  const task = await tx.remediationTask.create({
    data: {
      workspaceId,
      decisionId: decision.id,
      identityId: item.identityId,
      action: decision.kind,
      detail: detail as unknown as Prisma.InputJsonObject,
      executor: webhook ? "WEBHOOK" : "MANUAL",
      dueAt: remediationDueAt(decision.decidedAt, slaDays),
      assigneeId: decision.deciderId ?? identity.ownerId ?? ws.fallbackReviewerId,
      nextAttemptAt: webhook ? decision.decidedAt : null,
    },
  });
  await recordAudit(tx, actor, "remediation.opened", { type: "RemediationTask", id: task.id }, { decisionId: decision.id, action: task.action, executor: task.executor, dueAt: task.dueAt, assigneeId: task.assigneeId });
  return task;
}
