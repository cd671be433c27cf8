import { z } from "zod";
import { db } from "@/lib/db";
import { Prisma } from "@/prisma/generated/client";
import ExceptionExpiringEmail from "@/emails/exception-expiring";
import { recordAudit } from "@/lib/audit/record-audit";
import { systemActor } from "@/lib/authz/actor";
import { defineJob } from "@/lib/jobs/define-job";
import { enqueue } from "@/lib/jobs/enqueue";
import { createOneClickLink } from "@/lib/notify/one-click-link";
import { sendTemplate } from "@/lib/notify/send-template";
import { openOrJoinContinuousItem } from "@/lib/reviews/open-review-item";
import { slackConfigured } from "@/lib/slack/config";
import { enqueueSlackExceptionsEnding } from "@/lib/slack/enqueue-slack";
import { channelList, notifyChannels } from "@/lib/slack/notify-channels";

const DAY = 86_400_000;
export const EXPIRY_NOTICE_DAYS = 7;

const day = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Tells the person who granted an exception once, a week before it ends: a mail per exception (with
 * its one-click link) and/or one Slack DM listing all of theirs, as they prefer. Each exception is
 * audited as notified in the transaction that mails it and queues the DM, so a retry repeats nothing.
 */
export async function warnExpiringExceptions({ now = new Date(), workspaceId }: { now?: Date; workspaceId?: string } = {}): Promise<number> {
  const soon = await db.decision.findMany({
    where: { kind: "EXCEPTION", exceptionUntil: { gt: now, lte: new Date(now.getTime() + EXPIRY_NOTICE_DAYS * DAY) }, deciderId: { not: null }, ...(workspaceId ? { workspaceId } : {}) },
    select: { id: true, workspaceId: true, itemId: true, exceptionUntil: true, justification: true, decider: { select: { id: true, name: true, email: true, status: true, notifyVia: true, slackUserId: true } }, item: { select: { identity: { select: { name: true } } } } },
    orderBy: { exceptionUntil: "asc" },
  });
  const byDecider = new Map<string, typeof soon>();
  for (const d of soon) {
    if (!d.decider || d.decider.status !== "ACTIVE") continue;
    byDecider.set(d.decider.id, [...(byDecider.get(d.decider.id) ?? []), d]);
  }
  let sent = 0;
  for (const [deciderId, mine] of byDecider) {
    const notified = await db.auditEvent.findMany({ where: { workspaceId: mine[0]!.workspaceId, action: "review.exception-expiry-notified", subjectId: { in: mine.map((d) => d.id) } }, select: { subjectId: true } });
    const done = new Set(notified.map((n) => n.subjectId));
    const fresh = mine.filter((d) => !done.has(d.id));
    if (!fresh.length) continue;
    const person = fresh[0]!.decider!;
    const via = notifyChannels(person, slackConfigured());
    await db.$transaction(async (tx) => {
      for (const d of fresh) {
        if (via.email) {
          const url = await createOneClickLink(tx, { workspaceId: d.workspaceId, userId: deciderId, itemId: d.itemId, now });
          await sendTemplate(person.email, `The exception for ${d.item.identity.name} ends on ${day(d.exceptionUntil!)}`, ExceptionExpiringEmail({
            recipientName: person.name, identityName: d.item.identity.name, until: day(d.exceptionUntil!), justification: d.justification ?? "", url,
          }));
        }
        await recordAudit(tx, systemActor(d.workspaceId, "notifier"), "review.exception-expiry-notified", { type: "Decision", id: d.id }, { until: d.exceptionUntil, via: channelList(via) });
      }
      if (via.slack) await enqueueSlackExceptionsEnding(tx, fresh[0]!.workspaceId, deciderId, fresh.map((d) => d.id));
    }, { timeout: 60_000 });
    sent += fresh.length;
  }
  return sent;
}

/**
 * An exception that has ended re-opens as a review: an EXCEPTION_EXPIRED finding (detail.decisionId makes
 * it once per exception) joins or opens the identity's item in the continuous campaign.
 */
export async function reopenExpiredExceptions({ now = new Date(), workspaceId }: { now?: Date; workspaceId?: string } = {}): Promise<number> {
  // Only exceptions not yet re-opened (no EXCEPTION_EXPIRED finding names them).
  const pending = await db.$queryRaw<{ id: string }[]>(Prisma.sql`
    SELECT d.id FROM "Decision" d
    WHERE d.kind = 'EXCEPTION' AND d."exceptionUntil" <= ${now} ${workspaceId ? Prisma.sql`AND d."workspaceId" = ${workspaceId}` : Prisma.empty}
      AND NOT EXISTS (SELECT 1 FROM "Finding" f WHERE f."workspaceId" = d."workspaceId" AND f.kind = 'EXCEPTION_EXPIRED' AND f.detail->>'decisionId' = d.id)
    ORDER BY d."exceptionUntil" LIMIT 1000`);
  if (!pending.length) return 0;
  const ended = await db.decision.findMany({
    where: { id: { in: pending.map((p) => p.id) } },
    select: { id: true, workspaceId: true, exceptionUntil: true, decidedAt: true, justification: true, decider: { select: { name: true } }, item: { select: { identityId: true, identity: { select: { name: true, status: true } } } } },
    orderBy: { exceptionUntil: "asc" },
  });
  let reopened = 0;
  for (const d of ended) {
    if (d.item.identity.status === "REMOVED") continue;
    const did = await db.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${"exception-expiry:" + d.id}, 0))`;
      const existing = await tx.finding.findFirst({ where: { workspaceId: d.workspaceId, kind: "EXCEPTION_EXPIRED", identityId: d.item.identityId, detail: { path: ["decisionId"], equals: d.id } }, select: { id: true } });
      if (existing) return false;
      const actor = systemActor(d.workspaceId, "exception-expiry");
      const sentence = `The exception for ${d.item.identity.name} granted by ${d.decider?.name ?? "someone"} on ${day(d.decidedAt)} (“${d.justification ?? ""}”) ended on ${day(d.exceptionUntil!)}.`;
      const rule = await tx.triggerRule.findFirst({ where: { workspaceId: d.workspaceId, kind: "EXCEPTION_EXPIRED" }, select: { id: true } });
      const finding = await tx.finding.create({
        data: { workspaceId: d.workspaceId, ruleId: rule?.id ?? null, kind: "EXCEPTION_EXPIRED", identityId: d.item.identityId, severity: "MEDIUM", sentence, detail: { decisionId: d.id, until: d.exceptionUntil!.toISOString() } },
      });
      await recordAudit(tx, actor, "finding.opened", { type: "Finding", id: finding.id }, { kind: "EXCEPTION_EXPIRED", decisionId: d.id });
      const item = await openOrJoinContinuousItem(tx, actor, { identityId: d.item.identityId, findingIds: [finding.id], reasons: [{ kind: "EXCEPTION_EXPIRED", sentence, decisionId: d.id }] });
      await enqueue(tx, "reviews.notify-assigned", { itemIds: [item.id] });
      return true;
    });
    if (did) reopened++;
  }
  return reopened;
}

export const exceptionsJob = defineJob({
  name: "reviews.exceptions",
  input: z.object({ workspaceId: z.string().optional() }),
  cron: "23 * * * *",
  async handle({ workspaceId }) {
    await reopenExpiredExceptions({ workspaceId });
    await warnExpiringExceptions({ workspaceId });
  },
});
