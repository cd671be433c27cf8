import { db } from "@/lib/db";
import { DomainError, forbidden, notFound } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { actorCan, assertCan, type Actor } from "@/lib/authz/actor";
import { remediationStatusesAllowing } from "@/lib/remediation/rules";
import type { MarkRemediationDoneInput } from "@/lib/remediation/schema";

/**
 * A person records that they carried out a MANUAL remediation (with the ticket reference). This makes
 * it EXECUTED, not VERIFIED: only a later inventory sync verifies it.
 */
export async function markRemediationDone(actor: Actor, input: MarkRemediationDoneInput, now = new Date()) {
  assertCan(actor, "reviews:decide");
  if (actor.type !== "USER") throw forbidden("A person marks remediation done.");
  const task = await db.remediationTask.findFirst({ where: { id: input.taskId, workspaceId: actor.workspaceId }, select: { id: true, assigneeId: true, executor: true, status: true } });
  if (!task) throw notFound("Remediation task");
  if (task.assigneeId !== actor.userId && !actorCan(actor, "campaigns:manage")) throw forbidden("Only the assignee or a compliance manager can mark this done.");
  return db.$transaction(async (tx) => {
    const claimed = await tx.remediationTask.updateMany({
      where: { id: task.id, workspaceId: actor.workspaceId, status: { in: remediationStatusesAllowing("executed") } },
      data: { status: "EXECUTED", executedAt: now, ticketRef: input.ticketRef, nextAttemptAt: null },
    });
    if (claimed.count === 0) throw new DomainError("CONFLICT", "This remediation is already done.");
    await recordAudit(tx, actor, "remediation.executed", { type: "RemediationTask", id: task.id }, { executor: "MANUAL", ticketRef: input.ticketRef });
  });
}
