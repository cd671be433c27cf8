import { z } from "zod";
import { db } from "@/lib/db";
import ReviewReminderEmail from "@/emails/review-reminder";
import { recordAudit } from "@/lib/audit/record-audit";
import { systemActor } from "@/lib/authz/actor";
import { defineJob } from "@/lib/jobs/define-job";
import { groupByRecipient, inboxUrl, mailItems } from "@/lib/notify/mail-items";
import { sendTemplate } from "@/lib/notify/send-template";
import { readCadence, reminderDue } from "@/lib/reviews/reminder-rules";
import { slackConfigured } from "@/lib/slack/config";
import { enqueueSlackDigestOf } from "@/lib/slack/enqueue-slack";
import { channelList, notifyChannels } from "@/lib/slack/notify-channels";

const DAY = 86_400_000;

const itemSelect = { id: true, workspaceId: true, reviewerId: true, dueAt: true, createdAt: true, lastRemindedAt: true, reasons: true, identity: { select: { name: true, kind: true } } } as const;
type RemindItem = { id: string; workspaceId: string; reviewerId: string | null; dueAt: Date; reasons: unknown; identity: { name: string; kind: string } };

/**
 * Sends one reminder to a reviewer for these items — a mail and/or one Slack DM digest, as they prefer —
 * claiming them first (lastRemindedAt moves on, reminderCount +1) in the transaction that sends and
 * audits, so a retried run does not repeat it.
 */
async function remindReviewer(reviewerId: string, items: RemindItem[], claimBefore: Date, now: Date, why: string): Promise<boolean> {
  const workspaceId = items[0]!.workspaceId;
  const reviewer = await db.user.findFirst({ where: { id: reviewerId, workspaceId, status: "ACTIVE" }, select: { name: true, email: true, notifyVia: true, slackUserId: true } });
  if (!reviewer) return false;
  const via = notifyChannels(reviewer, slackConfigured());
  return db.$transaction(async (tx) => {
    const ids = items.map((i) => i.id);
    const claimed = await tx.reviewItem.updateMany({
      where: { id: { in: ids }, workspaceId, status: { in: ["PENDING", "ESCALATED"] }, OR: [{ lastRemindedAt: null }, { lastRemindedAt: { lt: claimBefore } }] },
      data: { lastRemindedAt: now, reminderCount: { increment: 1 } },
    });
    if (claimed.count === 0) return false;
    if (via.email) {
      const list = await mailItems(tx, workspaceId, reviewerId, items, now);
      const overdue = items.filter((i) => i.dueAt < now).length;
      await sendTemplate(reviewer.email, `Reminder: ${items.length} review${items.length === 1 ? "" : "s"} waiting${overdue ? ` (${overdue} overdue)` : ""}`, ReviewReminderEmail({
        recipientName: reviewer.name, items: list.items, more: list.more, overdue, inboxUrl: inboxUrl(),
      }));
    }
    if (via.slack) await enqueueSlackDigestOf(tx, workspaceId, reviewerId, items);
    await recordAudit(tx, systemActor(workspaceId, "notifier"), "review.reminded", { type: "User", id: reviewerId }, { itemIds: ids.slice(0, 100), items: ids.length, why, via: channelList(via) });
    return true;
  }, { timeout: 60_000 });
}

/** Reminders on each active campaign's cadence: one reminder (mail and/or DM digest) per reviewer per run, listing the items due a reminder. */
export async function sendDueReminders({ now = new Date(), workspaceId }: { now?: Date; workspaceId?: string } = {}): Promise<number> {
  const campaigns = await db.campaign.findMany({ where: { status: "ACTIVE", ...(workspaceId ? { workspaceId } : {}) }, select: { id: true, reminderCadence: true } });
  let mails = 0;
  for (const campaign of campaigns) {
    const cadence = readCadence(campaign.reminderCadence);
    if (!cadence.length) continue;
    const lead = Math.max(0, ...cadence.map((d) => -d));
    const candidates = await db.reviewItem.findMany({
      where: { campaignId: campaign.id, status: { in: ["PENDING", "ESCALATED"] }, reviewerId: { not: null }, dueAt: { lte: new Date(now.getTime() + lead * DAY) } },
      select: itemSelect,
    });
    const due = candidates.map((item) => ({ item, at: reminderDue(item, cadence, now) })).filter((x): x is { item: typeof x.item; at: Date } => x.at !== null);
    for (const [reviewerId, entries] of groupByRecipient(due, (x) => x.item.reviewerId)) {
      const earliest = new Date(Math.min(...entries.map((e) => e.at.getTime())));
      if (await remindReviewer(reviewerId, entries.map((e) => e.item), earliest, now, "cadence")) mails++;
    }
  }
  return mails;
}

/** "Remind now" from the campaign page: remind the reviewers of these items at once, whatever the cadence. */
export async function remindNow(itemIds: string[], now = new Date()): Promise<number> {
  const items = await db.reviewItem.findMany({ where: { id: { in: itemIds }, status: { in: ["PENDING", "ESCALATED"] }, reviewerId: { not: null }, campaign: { status: "ACTIVE" } }, select: itemSelect });
  let mails = 0;
  for (const [reviewerId, mine] of groupByRecipient(items, (i) => i.reviewerId)) {
    // Claim anything not reminded in the last minute (a double click sends one mail).
    if (await remindReviewer(reviewerId, mine, new Date(now.getTime() - 60_000), now, "remind-now")) mails++;
  }
  return mails;
}

export const remindersJob = defineJob({
  name: "reviews.reminders",
  input: z.object({ workspaceId: z.string().optional() }),
  cron: "7 * * * *",
  async handle({ workspaceId }) {
    await sendDueReminders({ workspaceId });
  },
});

export const remindNowJob = defineJob({
  name: "reviews.remind-now",
  input: z.object({ itemIds: z.array(z.string()).min(1).max(500) }),
  async handle({ itemIds }) {
    await remindNow(itemIds);
  },
});
