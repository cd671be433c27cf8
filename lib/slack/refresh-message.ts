import { db } from "@/lib/db";
import { baseUrl } from "@/lib/slack/config";
import type { SlackClient } from "@/lib/slack/client";
import { reviewMessage } from "@/lib/slack/blocks/review-message";
import { isSlackError } from "@/lib/slack/identity";
import { loadItemViews, pendingSummary } from "@/lib/slack/queries";

type MessageRow = { id: string; workspaceId: string; userId: string; channel: string; ts: string; itemIds: string[] };

// Two clicks in one message finish close together; rendering and chat.update for the same message run
// one after the other in this process so an older render never lands after a newer one. (Across
// processes, the slack.refresh-item job re-renders from the database afterwards.)
const queues = new Map<string, Promise<unknown>>();

function serially<T>(key: string, work: () => Promise<T>): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(work);
  queues.set(key, next);
  void next.finally(() => {
    if (queues.get(key) === next) queues.delete(key);
  }).catch(() => undefined);
  return next;
}

/** Re-renders one stored message from the current state of its items and updates it in place. */
export function refreshMessage(client: SlackClient, row: MessageRow, now = new Date()): Promise<void> {
  return serially(`${row.channel}:${row.ts}`, async () => {
    const [items, summary] = await Promise.all([loadItemViews(row.workspaceId, row.itemIds), pendingSummary(row.workspaceId, row.userId, now)]);
    if (!items.length) return;
    const message = reviewMessage(items, { baseUrl: baseUrl(), now, totalPending: summary.total });
    try {
      await client.chat.update({ channel: row.channel, ts: row.ts, text: message.text, blocks: message.blocks });
    } catch (error) {
      // The person deleted the message or left: nothing left to update.
      if (isSlackError(error, "message_not_found") || isSlackError(error, "channel_not_found")) return;
      throw error;
    }
    await db.slackMessage.updateMany({ where: { id: row.id }, data: { updatedAt: now } });
  });
}

/** Updates the message a click came from, if Rollcall posted it (ephemeral lists are not stored). */
export async function refreshMessageAt(client: SlackClient, channel: string | undefined, ts: string | undefined): Promise<void> {
  if (!channel || !ts) return;
  const row = await db.slackMessage.findUnique({ where: { channel_ts: { channel, ts } } });
  if (row) await refreshMessage(client, row);
}

/** Updates every message that shows the item (a digest and a later reminder may both list it). */
export async function refreshMessagesForItem(client: SlackClient, workspaceId: string, itemId: string): Promise<number> {
  const rows = await db.slackMessage.findMany({ where: { workspaceId, itemIds: { has: itemId } }, orderBy: { createdAt: "asc" } });
  for (const row of rows) await refreshMessage(client, row);
  return rows.length;
}

/** Updates one stored message by its id (the per-message refresh job); gone rows are nothing to do. */
export async function refreshStoredMessage(client: SlackClient, workspaceId: string, messageId: string): Promise<boolean> {
  const row = await db.slackMessage.findFirst({ where: { id: messageId, workspaceId } });
  if (row) await refreshMessage(client, row);
  return Boolean(row);
}
