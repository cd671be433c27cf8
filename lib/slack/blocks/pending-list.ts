import type { Block, SlackItemView } from "@/lib/slack/blocks/types";
import { countsLine, type PendingSummary } from "@/lib/slack/blocks/home";
import { itemText } from "@/lib/slack/blocks/item-text";
import { link } from "@/lib/slack/blocks/words";

export const LIST_ITEMS = 10;

const mrkdwn = (text: string) => ({ type: "mrkdwn", text });

/** `/rollcall`: the caller's pending reviews, visible only to them (an ephemeral response). */
export function pendingList(input: { items: SlackItemView[]; summary: PendingSummary; baseUrl: string; now: Date }) {
  const { items, summary, baseUrl, now } = input;
  const shown = items.slice(0, LIST_ITEMS);
  const blocks: Block[] = [{ type: "section", block_id: "counts", text: mrkdwn(`${countsLine(summary)}  ${link(`${baseUrl}/reviews`, "Open My reviews")}`) }];
  for (const item of shown) blocks.push({ type: "section", block_id: `item:${item.id}`, text: mrkdwn(itemText(item, baseUrl, now)) });
  const hints = ["`/rollcall digest` sends them to you as a message with Keep and Revoke buttons."];
  if (summary.total > shown.length) hints.unshift(`Showing the ${shown.length} most urgent of ${summary.total}.`);
  if (summary.total) blocks.push({ type: "context", block_id: "hint", elements: [mrkdwn(hints.join(" "))] });
  return { response_type: "ephemeral" as const, text: summary.total ? `You have ${summary.total} pending access reviews.` : "Nothing is waiting for you.", blocks };
}

/** An ephemeral answer with just a sentence (refusals, help, errors). */
export function ephemeralText(text: string) {
  return { response_type: "ephemeral" as const, text, blocks: [{ type: "section", block_id: "text", text: mrkdwn(text) }] };
}
