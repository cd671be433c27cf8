import { db, type Tx } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import type { Channel } from "@/prisma/generated/enums";
import { recordAudit } from "@/lib/audit/record-audit";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { enqueue } from "@/lib/jobs/enqueue";
import { enqueueSlackRefreshForItem } from "@/lib/slack/enqueue-slack";
import { openRemediationTask } from "@/lib/remediation/open-remediation-task";
import { getDecisionContextOrThrow, type DecisionContext } from "@/lib/reviews/decision-context";
import { openReviewItem, type Reason } from "@/lib/reviews/open-review-item";
import { assertDecisionAllowed, assertMayDecide, changeActors, decisionTiming, needsRemediation, statusesAllowing } from "@/lib/reviews/rules";
import type { DecideInput } from "@/lib/reviews/schema";

const DAY = 86_400_000;
/**
 * A burst of answers (a team clearing its queue, a wave of Slack clicks) waits for a pooled connection
 * and the audit lock: Prisma's default 2 s maxWait / 5 s timeout turned that wait into an error.
 */
const DECIDE_MAX_WAIT_MS = 20_000;

export type DecideOptions = { batchId?: string; batchSize?: number; now?: Date };

async function findNewOwner(ctx: DecisionContext, actor: Actor, email: string) {
  const person = await db.user.findFirst({ where: { workspaceId: ctx.workspaceId, email: email.toLowerCase(), status: "ACTIVE" }, select: { id: true, name: true, email: true } });
  if (!person) throw new DomainError("INVALID", `Nobody active in this workspace has the email ${email}.`);
  if (person.id === ctx.reviewerId || (actor.type === "USER" && person.id === actor.userId)) {
    throw new DomainError("INVALID", "Name the person who owns it, not yourself.");
  }
  return person;
}

/** "Not mine": the identity changes owner (audited) and the item moves, findings and all, to a new item for them. */
async function reassign(tx: Tx, actor: Actor, ctx: DecisionContext, newOwner: { id: string; name: string }, justification: string, now: Date) {
  const identity = await tx.identity.findFirstOrThrow({ where: { id: ctx.identityId, workspaceId: ctx.workspaceId }, select: { ownerId: true } });
  // MANUAL ownership is sticky: later syncs and ownership rules do not override what the reviewer said.
  await tx.identity.update({ where: { id: ctx.identityId }, data: { ownerId: newOwner.id, ownerSource: "MANUAL", ownerRuleId: null } });
  await recordAudit(tx, actor, "identity.owner-changed", { type: "Identity", id: ctx.identityId }, { from: identity.ownerId, to: newOwner.id, via: "review.reassign", itemId: ctx.id, justification });
  const excluded = changeActors(ctx);
  const reasons = [...((ctx.reasons as Reason[] | null) ?? []), { kind: "REASSIGNED", sentence: `${actor.label} said this is not theirs and named ${newOwner.name}: “${justification}”`, fromItemId: ctx.id }];
  return openReviewItem(tx, actor, {
    campaignId: ctx.campaignId,
    identityId: ctx.identityId,
    reasons,
    dueAt: new Date(Math.max(ctx.dueAt.getTime(), now.getTime() + 3 * DAY)),
    // The named owner reviews it, unless they made the change under review: then the chain decides.
    ...(excluded.has(newOwner.id) ? { excludedUserIds: [...excluded] } : { reviewerId: newOwner.id }),
    snapshot: ctx.snapshot,
    findingIds: ctx.findingIds,
  });
}

/**
 * Exactly one decision per review item under any concurrency (conditional claim on the item's status);
 * the decision, its audit row, any remediation task or moved item commit in one transaction.
 */
export async function decide(actor: Actor, input: DecideInput, via: Channel, options: DecideOptions = {}) {
  assertCan(actor, "reviews:decide");
  const now = options.now ?? new Date();
  const item = await getDecisionContextOrThrow(actor.workspaceId, input.itemId, now);
  assertMayDecide(actor, item, item.delegations, now);
  assertDecisionAllowed(item, input, item.policy, now);
  const newOwner = input.decision === "REASSIGN" ? await findNewOwner(item, actor, input.newOwnerEmail!) : null;
  const deciderId = actor.type === "USER" ? actor.userId : null;

  return db.$transaction(async (tx) => {
    const claimed = await tx.reviewItem.updateMany({
      where: { id: item.id, workspaceId: actor.workspaceId, status: { in: statusesAllowing("decide") } },
      data: { status: "DECIDED" },
    });
    if (claimed.count === 0) throw new DomainError("ALREADY_DECIDED", "This review was already answered.");
    const previous = deciderId
      ? await tx.decision.findFirst({ where: { workspaceId: actor.workspaceId, deciderId }, orderBy: { decidedAt: "desc" }, select: { decidedAt: true } })
      : null;
    const timing = decisionTiming(item.openedAt, previous?.decidedAt ?? null, now, options.batchSize ?? 1);
    const decision = await tx.decision.create({
      data: {
        workspaceId: actor.workspaceId,
        itemId: item.id,
        deciderId,
        kind: input.decision,
        channel: via,
        justification: input.justification || null,
        exceptionUntil: input.decision === "EXCEPTION" ? input.exceptionUntil : null,
        removeEntitlementIds: input.decision === "REDUCE" ? input.removeEntitlementIds : [],
        newOwnerId: newOwner?.id ?? null,
        ...timing,
        batchId: options.batchId ?? null,
        decidedAt: now,
      },
    });
    await recordAudit(tx, actor, "review.decided", { type: "ReviewItem", id: item.id }, {
      decisionId: decision.id, decision: input.decision, via, justification: decision.justification, exceptionUntil: decision.exceptionUntil, removeEntitlementIds: decision.removeEntitlementIds, newOwnerId: decision.newOwnerId, ...timing,
    });

    let moved: { id: string } | null = null;
    if (newOwner) moved = await reassign(tx, actor, item, newOwner, decision.justification ?? "", now);
    else if (item.findingIds.length) {
      await tx.finding.updateMany({ where: { workspaceId: actor.workspaceId, id: { in: item.findingIds } }, data: { status: "RESOLVED", resolvedAt: now } });
    }
    if (needsRemediation(decision.kind)) {
      const task = await openRemediationTask(tx, actor, { ...decision, kind: decision.kind as "REVOKE" | "REDUCE" }, item, item.policy.remediationSlaDays);
      if (task.executor === "WEBHOOK") await enqueue(tx, "remediation.execute", { taskId: task.id });
    }
    if (moved) await enqueue(tx, "reviews.notify-assigned", { itemIds: [moved.id] });
    // Any Slack DM listing the item shows the answer, wherever it was given (web, API, Slack, deadline).
    await enqueueSlackRefreshForItem(tx, actor.workspaceId, item.id);
    return decision;
  }, { maxWait: DECIDE_MAX_WAIT_MS, timeout: DECIDE_MAX_WAIT_MS });
}
