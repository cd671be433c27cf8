import { fromPrisma } from "pg-boss";
import type { Tx } from "@/lib/db";
import { enqueue } from "@/lib/jobs/enqueue";
import { getBoss } from "@/lib/jobs/boss";
import { slackClickJob, slackRefreshItemJob } from "@/lib/slack/jobs";
import type { SlackClick } from "@/lib/slack/handle-click";

/** A burst of decisions on one message (bulk keep of 10, clicks in a row) re-renders it at most twice per window. */
export const REFRESH_DEBOUNCE_SECONDS = 5;

/**
 * Call inside the transaction that decides an item (decide() does, so also bulk keep, the deadline
 * default and "Not mine"): every Slack message listing the item is re-rendered after it commits
 * ("✅ Kept by @ana · 14:02"), also when the decision was made on the web. One job per message,
 * debounced per message (pg-boss singleton key + next slot): the first decision in a window refreshes
 * at once, later ones in the same window share one refresh at its end, which renders the final state
 * from the database — so 500 items kept on the web cost about two chat.update calls per message, not ten.
 * Cheap when nothing was posted: one probe of the GIN index on itemIds, and no job. Returns the jobs queued.
 */
export async function enqueueSlackRefreshForItem(tx: Tx, workspaceId: string, itemId: string): Promise<number> {
  const messages = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "SlackMessage" WHERE "workspaceId" = ${workspaceId} AND "itemIds" @> ARRAY[${itemId}]::text[] ORDER BY id`;
  if (!messages.length) return 0;
  const boss = await getBoss();
  let queued = 0;
  // In id order: two transactions queuing refreshes for the same messages wait for each other's job
  // row (the singleton key is unique), always in the same order, so they never deadlock.
  for (const message of messages) {
    const data = slackRefreshItemJob.input.parse({ workspaceId, itemId, messageId: message.id });
    const id = await boss.sendDebounced(slackRefreshItemJob.name, data, { db: fromPrisma(tx), retryLimit: 5 }, REFRESH_DEBOUNCE_SECONDS, message.id);
    if (id) queued++;
  }
  return queued;
}

/**
 * One DM digest for one person: their pending items, or only the given ones. Automatic digests
 * (assigned, reminder, escalation) respect the person's preference (not sent when it is EMAIL);
 * `requested: true` (they asked from Slack) always sends.
 */
export async function enqueueSlackDigest(tx: Tx, input: { workspaceId: string; userId: string; itemIds?: string[]; requested?: boolean }): Promise<void> {
  await enqueue(tx, "slack.send-digest", { ...input, since: new Date() });
}

/**
 * An automatic DM digest (assigned, reminder, escalation) of these items for one person: ONE job,
 * however many items — the digest posts at most five messages of ten, most urgent first, and links to
 * the rest on the web; an owner given 500 items gets 5 DMs, never 500. The reviews jobs call it
 * inside the transaction that records the notification, when the person's preference includes Slack.
 */
export async function enqueueSlackDigestOf(tx: Tx, workspaceId: string, userId: string, items: { id: string; dueAt: Date }[]): Promise<void> {
  if (!items.length) return;
  const itemIds = [...items].sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime()).slice(0, 500).map((i) => i.id);
  await enqueueSlackDigest(tx, { workspaceId, userId, itemIds });
}

/**
 * One DM to the person who granted exceptions that end soon (all of theirs in one message), sent by
 * the slack.exceptions-ending job; the exceptions job calls it when the person's preference includes Slack.
 */
export async function enqueueSlackExceptionsEnding(tx: Tx, workspaceId: string, userId: string, decisionIds: string[]): Promise<void> {
  if (!decisionIds.length) return;
  await enqueue(tx, "slack.exceptions-ending", { workspaceId, userId, decisionIds: decisionIds.slice(0, 100) });
}

/**
 * A click to decide later (lib/slack/run-click.ts falls back to it). Sent straight to pg-boss (its own
 * small pool, one INSERT): there is no Rollcall transaction to join.
 */
export async function enqueueSlackClick(click: SlackClick): Promise<void> {
  const data = slackClickJob.input.parse(click);
  const boss = await getBoss();
  await boss.send(slackClickJob.name, data, { retryLimit: 5, retryDelay: 2, retryBackoff: true });
}
