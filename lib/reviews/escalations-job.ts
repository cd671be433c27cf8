import { z } from "zod";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { Prisma } from "@/prisma/generated/client";
import ReviewEscalatedEmail from "@/emails/review-escalated";
import { recordAudit } from "@/lib/audit/record-audit";
import { systemActor } from "@/lib/authz/actor";
import { defineJob } from "@/lib/jobs/define-job";
import { groupByRecipient, inboxUrl, mailItems } from "@/lib/notify/mail-items";
import { sendTemplate } from "@/lib/notify/send-template";
import { decide } from "@/lib/reviews/decide";
import { escalationTarget, type Candidate } from "@/lib/reviews/reviewer-rules";
import { defaultDecision } from "@/lib/reviews/rules";
import { slackConfigured } from "@/lib/slack/config";
import { enqueueSlackDigestOf } from "@/lib/slack/enqueue-slack";
import { channelList, notifyChannels } from "@/lib/slack/notify-channels";

const BATCH = 1_000;
const candidate = (u: { id: string; status: "ACTIVE" | "DEPARTED" } | null | undefined): Candidate => (u ? { id: u.id, status: u.status } : null);
const wsFilter = (workspaceId?: string) => (workspaceId ? Prisma.sql`AND ri."workspaceId" = ${workspaceId}` : Prisma.empty);

/**
 * At the final deadline (the item's due date) the campaign's default on non-response is applied as a
 * SYSTEM decision through the same decide(): KEEP → ATTEST, REVOKE → REVOKE (+ remediation). "Leave open
 * and flag" decides nothing: the item stays open, escalated and overdue.
 */
export async function applyDeadlineDefaults({ now = new Date(), workspaceId }: { now?: Date; workspaceId?: string } = {}): Promise<number> {
  const rows = await db.$queryRaw<{ id: string; workspaceId: string; action: "KEEP" | "REVOKE" | "ESCALATE_ONLY"; dueAt: Date }[]>(Prisma.sql`
    SELECT ri.id, ri."workspaceId", c."defaultOnNoResponse"::text AS action, ri."dueAt"
    FROM "ReviewItem" ri JOIN "Campaign" c ON c.id = ri."campaignId"
    WHERE ri.status IN ('PENDING', 'ESCALATED') AND c.status = 'ACTIVE' AND c."defaultOnNoResponse" <> 'ESCALATE_ONLY' AND ri."dueAt" <= ${now} ${wsFilter(workspaceId)}
    ORDER BY ri."dueAt" LIMIT ${BATCH * 10}`);
  let applied = 0;
  for (const row of rows) {
    const decision = defaultDecision(row.action);
    if (!decision) continue;
    const words = decision === "ATTEST" ? "keep" : "revoke";
    try {
      await decide(systemActor(row.workspaceId, "deadline"), {
        itemId: row.id,
        decision,
        justification: `No answer by the deadline (${row.dueAt.toISOString().slice(0, 10)}): the campaign's default on non-response (${words}) was applied.`,
      }, "SYSTEM", { now });
      applied++;
    } catch (error) {
      // Someone answered between the query and the claim: that answer stands.
      if (!(error instanceof DomainError && error.code === "ALREADY_DECIDED")) throw error;
    }
  }
  return applied;
}

/**
 * Escalates items still unanswered `escalationAfterDays` after assignment, or overdue, to the reviewer's
 * manager (else the owning team's lead, else the fallback reviewer), who is added as a reviewer and told once
 * (mail and/or one Slack DM digest, as they prefer).
 */
export async function escalateOverdue({ now = new Date(), workspaceId }: { now?: Date; workspaceId?: string } = {}): Promise<number> {
  const due = await db.$queryRaw<{ id: string }[]>(Prisma.sql`
    SELECT ri.id FROM "ReviewItem" ri JOIN "Campaign" c ON c.id = ri."campaignId"
    WHERE ri.status = 'PENDING' AND c.status = 'ACTIVE'
      AND (ri."dueAt" <= ${now} OR ri."createdAt" + make_interval(days => c."escalationAfterDays") <= ${now}) ${wsFilter(workspaceId)}
    ORDER BY ri."dueAt" LIMIT ${BATCH}`);
  if (!due.length) return 0;
  const items = await db.reviewItem.findMany({
    where: { id: { in: due.map((d) => d.id) } },
    select: {
      id: true, workspaceId: true, reviewerId: true, dueAt: true, reasons: true,
      reviewer: { select: { name: true, manager: { select: { id: true, status: true } } } },
      identity: { select: { name: true, kind: true, owningTeam: { select: { lead: { select: { id: true, status: true } } } } } },
      findings: { select: { actorUserId: true } },
    },
  });
  const fallbacks = new Map<string, Candidate>();
  const escalated: (typeof items[number] & { to: string })[] = [];
  for (const item of items) {
    if (!fallbacks.has(item.workspaceId)) {
      const ws = await db.workspace.findUniqueOrThrow({ where: { id: item.workspaceId }, select: { fallbackReviewerId: true } });
      const fb = ws.fallbackReviewerId ? await db.user.findUnique({ where: { id: ws.fallbackReviewerId }, select: { id: true, status: true } }) : null;
      fallbacks.set(item.workspaceId, candidate(fb));
    }
    const to = escalationTarget({
      reviewerId: item.reviewerId,
      reviewerManager: candidate(item.reviewer?.manager),
      teamLead: candidate(item.identity.owningTeam?.lead),
      fallback: fallbacks.get(item.workspaceId) ?? null,
      excludedUserIds: item.findings.map((f) => f.actorUserId).filter((id): id is string => Boolean(id)),
    });
    const ok = await db.$transaction(async (tx) => {
      const claimed = await tx.reviewItem.updateMany({ where: { id: item.id, status: "PENDING" }, data: { status: "ESCALATED", escalatedAt: now, escalatedToId: to } });
      if (claimed.count === 0) return false;
      await recordAudit(tx, systemActor(item.workspaceId, "escalation"), "review.escalated", { type: "ReviewItem", id: item.id }, { from: item.reviewerId, to, dueAt: item.dueAt });
      return true;
    });
    if (ok && to) escalated.push({ ...item, to });
  }
  for (const [to, mine] of groupByRecipient(escalated, (i) => i.to)) {
    const first = mine[0]!;
    const person = await db.user.findUnique({ where: { id: to }, select: { name: true, email: true, notifyVia: true, slackUserId: true } });
    if (!person) continue;
    const via = notifyChannels(person, slackConfigured());
    await db.$transaction(async (tx) => {
      if (via.email) {
        const list = await mailItems(tx, first.workspaceId, to, mine, now);
        const reviewerName = [...new Set(mine.map((i) => i.reviewer?.name ?? "nobody"))].join(", ");
        await sendTemplate(person.email, `Escalated to you: ${mine.length} overdue review${mine.length === 1 ? "" : "s"}`, ReviewEscalatedEmail({ recipientName: person.name, reviewerName, items: list.items, more: list.more, inboxUrl: inboxUrl() }));
      }
      if (via.slack) await enqueueSlackDigestOf(tx, first.workspaceId, to, mine);
      await recordAudit(tx, systemActor(first.workspaceId, "notifier"), "review.escalation-notified", { type: "User", id: to }, { itemIds: mine.map((i) => i.id), via: channelList(via) });
    }, { timeout: 60_000 });
  }
  return escalated.length;
}

export const escalationsJob = defineJob({
  name: "reviews.escalations",
  input: z.object({ workspaceId: z.string().optional() }),
  cron: "12 * * * *",
  async handle({ workspaceId }) {
    // Defaults first: an item at its final deadline is decided, not escalated and then decided.
    await applyDeadlineDefaults({ workspaceId });
    await escalateOverdue({ workspaceId });
  },
});
