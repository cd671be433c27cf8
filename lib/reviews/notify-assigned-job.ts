import { z } from "zod";
import { db } from "@/lib/db";
import ReviewAssignedEmail from "@/emails/review-assigned";
import { recordAudit } from "@/lib/audit/record-audit";
import { systemActor } from "@/lib/authz/actor";
import { defineJob } from "@/lib/jobs/define-job";
import { groupByRecipient, inboxUrl, mailItems } from "@/lib/notify/mail-items";
import { sendTemplate } from "@/lib/notify/send-template";
import { slackConfigured } from "@/lib/slack/config";
import { enqueueSlackDigestOf } from "@/lib/slack/enqueue-slack";
import { channelList, notifyChannels } from "@/lib/slack/notify-channels";

type Filter = { campaignId?: string; itemIds?: string[] };

/**
 * One "you have reviews" notice per reviewer (never one per item), by mail and/or one Slack DM digest
 * as the reviewer prefers (lib/slack/notify-channels.ts). For a whole campaign a reviewer is told once
 * even if the job is retried; the mail is sent and the digest queued inside the transaction that records it.
 */
export async function notifyAssigned(filter: Filter, now = new Date()): Promise<number> {
  if (!filter.campaignId && !filter.itemIds?.length) return 0;
  const items = await db.reviewItem.findMany({
    where: {
      status: { in: ["PENDING", "ESCALATED"] },
      reviewerId: { not: null },
      campaign: { status: "ACTIVE" },
      ...(filter.campaignId ? { campaignId: filter.campaignId } : { id: { in: filter.itemIds } }),
    },
    select: { id: true, workspaceId: true, reviewerId: true, dueAt: true, reasons: true, campaignId: true, campaign: { select: { name: true } }, identity: { select: { name: true, kind: true } } },
  });
  const byReviewer = groupByRecipient(items, (i) => i.reviewerId);
  let sent = 0;
  for (const [reviewerId, mine] of byReviewer) {
    const first = mine[0]!;
    const reviewer = await db.user.findFirst({ where: { id: reviewerId, workspaceId: first.workspaceId, status: "ACTIVE" }, select: { name: true, email: true, notifyVia: true, slackUserId: true } });
    if (!reviewer) continue;
    const via = notifyChannels(reviewer, slackConfigured());
    if (filter.campaignId) {
      const already = await db.auditEvent.findFirst({
        where: { workspaceId: first.workspaceId, action: "review.assignment-notified", subjectId: reviewerId, data: { path: ["campaignId"], equals: filter.campaignId } },
        select: { id: true },
      });
      if (already) continue;
    }
    await db.$transaction(async (tx) => {
      if (via.email) {
        const list = await mailItems(tx, first.workspaceId, reviewerId, mine, now);
        const due = mine.reduce((d, i) => (i.dueAt < d ? i.dueAt : d), first.dueAt);
        await sendTemplate(reviewer.email, `${mine.length} machine identit${mine.length === 1 ? "y" : "ies"} to review in ${first.campaign.name}`, ReviewAssignedEmail({
          recipientName: reviewer.name, campaignName: first.campaign.name, dueDate: due.toISOString().slice(0, 10), items: list.items, more: list.more, inboxUrl: inboxUrl(),
        }));
      }
      if (via.slack) await enqueueSlackDigestOf(tx, first.workspaceId, reviewerId, mine);
      await recordAudit(tx, systemActor(first.workspaceId, "notifier"), "review.assignment-notified", { type: "User", id: reviewerId }, { campaignId: filter.campaignId ?? first.campaignId, items: mine.length, via: channelList(via) });
    }, { timeout: 60_000 });
    sent++;
  }
  return sent;
}

export const notifyAssignedJob = defineJob({
  name: "reviews.notify-assigned",
  input: z.object({ campaignId: z.string().optional(), itemIds: z.array(z.string()).max(1000).optional() }),
  async handle(input) {
    await notifyAssigned(input);
  },
});
