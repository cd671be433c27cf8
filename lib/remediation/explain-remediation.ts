import { db } from "@/lib/db";
import { DomainError, forbidden, notFound } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { actorCan, assertCan, type Actor } from "@/lib/authz/actor";
import { EXPLAINABLE_STATUSES, mayExplain } from "@/lib/remediation/rules";
import type { ExplainRemediationInput } from "@/lib/remediation/schema";

/**
 * The assignee or a compliance manager records why a remediation cannot be verified by a sync (for
 * example the source is not synced, or it was closed by hand); the explanation is kept in the task's
 * detail with who and when, in the same transaction as its audit event. A VERIFIED task takes none.
 */
export async function explainRemediation(actor: Actor, input: ExplainRemediationInput, now = new Date()) {
  assertCan(actor, "reviews:decide");
  if (actor.type !== "USER") throw forbidden("A person explains an unverified remediation.");
  const task = await db.remediationTask.findFirst({ where: { id: input.taskId, workspaceId: actor.workspaceId }, select: { id: true, assigneeId: true, status: true, detail: true } });
  if (!task) throw notFound("Remediation task");
  if (task.assigneeId !== actor.userId && !actorCan(actor, "campaigns:manage")) throw forbidden("Only the assignee or a compliance manager can explain this remediation.");
  if (!mayExplain(task.status)) throw new DomainError("CONFLICT", "This remediation is verified; it needs no explanation.");
  const previous = (task.detail as { explanation?: string } | null)?.explanation ?? null;
  return db.$transaction(async (tx) => {
    // Conditional on the status still allowing it: a sync that verifies the task meanwhile wins.
    const updated = await tx.$executeRaw`
      UPDATE "RemediationTask" SET detail = coalesce(detail, '{}'::jsonb) || jsonb_build_object('explanation', ${input.explanation}::text, 'explainedBy', ${actor.label}::text, 'explainedAt', ${now.toISOString()}::text)
      WHERE id = ${task.id} AND "workspaceId" = ${actor.workspaceId} AND status::text = ANY(${[...EXPLAINABLE_STATUSES]}::text[])`;
    if (updated === 0) throw new DomainError("CONFLICT", "This remediation was verified meanwhile; it needs no explanation.");
    await recordAudit(tx, actor, "remediation.explained", { type: "RemediationTask", id: task.id }, { status: task.status, explanation: input.explanation, replaces: previous });
    return { id: task.id, explanation: input.explanation };
  });
}
