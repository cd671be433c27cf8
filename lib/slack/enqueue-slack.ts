import type { Tx } from "@/lib/db";
import { enqueue } from "@/lib/jobs/enqueue";
import { getBoss } from "@/lib/jobs/boss";
import { slackClickJob } from "@/lib/slack/jobs";
import type { SlackClick } from "@/lib/slack/handle-click";

/**
 * Call inside the transaction that decides an item (decide(), bulk keep, the deadline default): the
 * Slack messages listing the item are re-rendered after it commits ("✅ Kept by @ana · 14:02"), also
 * when the decision was made on the web. Cheap when Slack is off or nothing was posted: the job finds
 * no message and ends.
 */
export async function enqueueSlackRefreshForItem(tx: Tx, workspaceId: string, itemId: string): Promise<void> {
  await enqueue(tx, "slack.refresh-item", { workspaceId, itemId });
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
 * Newly assigned (or escalated) items, one digest per person: an owner given 25 items gets one job
 * that posts 3 messages, not 25. `recipient` picks who is told: the reviewer, or whom it was escalated to.
 */
export async function enqueueSlackDigestsForItems(tx: Tx, workspaceId: string, itemIds: string[], recipient: "reviewer" | "escalatedTo" = "reviewer"): Promise<number> {
  if (!itemIds.length) return 0;
  const items = await tx.reviewItem.findMany({ where: { workspaceId, id: { in: itemIds } }, select: { id: true, reviewerId: true, escalatedToId: true }, orderBy: [{ dueAt: "asc" }, { riskScore: "desc" }] });
  const byPerson = new Map<string, string[]>();
  for (const item of items) {
    const person = recipient === "reviewer" ? item.reviewerId : item.escalatedToId;
    if (!person) continue;
    byPerson.set(person, [...(byPerson.get(person) ?? []), item.id]);
  }
  for (const [userId, ids] of byPerson) {
    // A digest job carries at most 500 ids; more than that is still one job per 500.
    for (let i = 0; i < ids.length; i += 500) await enqueueSlackDigest(tx, { workspaceId, userId, itemIds: ids.slice(i, i + 500) });
  }
  return byPerson.size;
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
