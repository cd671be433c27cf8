import { db } from "@/lib/db";
import { baseUrl } from "@/lib/slack/config";
import type { SlackClient } from "@/lib/slack/client";
import { digestMessages } from "@/lib/slack/blocks/review-message";
import { slackUserIdFor } from "@/lib/slack/identity";
import { loadItemViews, pendingItemViews, pendingSummary } from "@/lib/slack/queries";
import type { SlackItemView } from "@/lib/slack/blocks/types";

/**
 * A digest is at most this many messages (50 items): an owner with 500 pending items gets five DMs
 * and a link to the rest on the web, never 500 — and never 50.
 */
export const MAX_MESSAGES_PER_DIGEST = 5;

export type DigestRequest = {
  workspaceId: string;
  userId: string;
  /** Only these items (e.g. newly assigned, escalated); otherwise everything pending for the person. */
  itemIds?: string[];
  /** When the batch was asked for: items already sent to this person since then are not sent again (a retried job). */
  since: Date;
  /** The person asked for it (/rollcall digest, App Home, shortcut): sent even if they prefer email. */
  requested?: boolean;
};

export type DigestResult = { status: "sent"; messages: number; items: number } | { status: "skipped"; why: string };

const open = (i: SlackItemView) => !i.decision && !i.campaignClosed && (i.status === "PENDING" || i.status === "ESCALATED");

/**
 * Sends one person their pending reviews as DMs of up to ten items each, and stores every message
 * (channel + ts + items) so that any later decision, in Slack or on the web, can update it in place.
 */
export async function sendDigest(client: SlackClient, request: DigestRequest, now = new Date()): Promise<DigestResult> {
  const { workspaceId, userId } = request;
  const user = await db.user.findFirst({ where: { id: userId, workspaceId }, select: { id: true, workspaceId: true, role: true, email: true, status: true, slackUserId: true, notifyVia: true } });
  if (!user || user.status !== "ACTIVE") return { status: "skipped", why: "person not active" };
  if (user.notifyVia === "EMAIL" && !request.requested) return { status: "skipped", why: "prefers email" };

  const limit = MAX_MESSAGES_PER_DIGEST * 10;
  const candidates = request.itemIds
    ? (await loadItemViews(workspaceId, request.itemIds)).filter(open)
    : await pendingItemViews(workspaceId, userId, limit + 200);
  const alreadySent = new Set(
    (await db.slackMessage.findMany({ where: { workspaceId, userId, createdAt: { gte: request.since } }, select: { itemIds: true } })).flatMap((m) => m.itemIds),
  );
  const items = candidates.filter((i) => !alreadySent.has(i.id)).slice(0, limit);
  if (!items.length) return { status: "skipped", why: "nothing pending to send" };

  const slackUserId = await slackUserIdFor(client, user);
  if (!slackUserId) return { status: "skipped", why: "no Slack account with this email" };
  const opened = await client.conversations.open({ users: slackUserId });
  const channel = opened.channel?.id;
  if (!channel) throw new Error(`conversations.open returned no channel for ${slackUserId}`);

  const summary = await pendingSummary(workspaceId, userId, now);
  const parts = digestMessages(items, { baseUrl: baseUrl(), now, totalPending: summary.total });
  for (const part of parts) {
    const posted = await client.chat.postMessage({ channel, text: part.message.text, blocks: part.message.blocks, unfurl_links: false, unfurl_media: false });
    if (!posted.ts) throw new Error("chat.postMessage returned no ts");
    // Stored at once: a retry after a later part fails must not send this part again.
    await db.slackMessage.create({ data: { workspaceId, userId, channel: posted.channel ?? channel, ts: posted.ts, itemIds: part.itemIds } });
  }
  return { status: "sent", messages: parts.length, items: items.length };
}
