import type { Block, SlackItemView } from "@/lib/slack/blocks/types";
import { itemText } from "@/lib/slack/blocks/item-text";

export const HOME_ACTION = { openWeb: "home.open_web", sendDigest: "home.send_digest", notifyVia: "home.notify_via" } as const;
/** Items listed on the Home tab; the rest are a click away on the web. */
export const HOME_ITEMS = 20;

export type PendingSummary = { total: number; overdue: number; withFindings: number };
export type NotifyVia = "BOTH" | "SLACK" | "EMAIL";

const notifyLabels: Record<NotifyVia, string> = { BOTH: "Slack and email", SLACK: "Slack only", EMAIL: "Email only" };

const plain = (text: string) => ({ type: "plain_text" as const, text, emoji: true });
const mrkdwn = (text: string) => ({ type: "mrkdwn", text });

export function countsLine(summary: PendingSummary): string {
  if (!summary.total) return "✅ Nothing is waiting for you.";
  return [`🟡 *${summary.total} pending*`, summary.overdue ? `🔴 ${summary.overdue} overdue` : null, summary.withFindings ? `⚠️ ${summary.withFindings} with findings` : null].filter(Boolean).join("  ·  ");
}

/** The App Home tab: the owner's pending reviews, the counts, and the way to the web inbox. */
export function homeView(input: { items: SlackItemView[]; summary: PendingSummary; baseUrl: string; now: Date; notifyVia: NotifyVia }) {
  const { items, summary, baseUrl, now } = input;
  const shown = items.slice(0, HOME_ITEMS);
  const buttons: Record<string, unknown>[] = [{ type: "button", action_id: HOME_ACTION.openWeb, text: plain("Open My reviews"), url: `${baseUrl}/reviews`, style: "primary" }];
  if (summary.total) buttons.push({ type: "button", action_id: HOME_ACTION.sendDigest, text: plain("Send them to me as a message"), value: "digest" });
  const blocks: Block[] = [
    { type: "header", block_id: "head", text: plain("Your access reviews") },
    { type: "section", block_id: "counts", text: mrkdwn(countsLine(summary)) },
    { type: "actions", block_id: "links", elements: buttons },
  ];
  if (shown.length) {
    blocks.push({ type: "divider", block_id: "top" });
    for (const item of shown) blocks.push({ type: "section", block_id: `item:${item.id}`, text: mrkdwn(itemText(item, baseUrl, now)) });
    if (summary.total > shown.length) {
      blocks.push({ type: "context", block_id: "more", elements: [mrkdwn(`Showing the ${shown.length} most urgent of ${summary.total}. Keep, revoke and the rest are in the message buttons and on the web.`)] });
    }
  }
  const option = (v: NotifyVia) => ({ text: plain(notifyLabels[v]), value: v });
  blocks.push({ type: "divider", block_id: "prefs-top" });
  blocks.push({
    type: "section",
    block_id: "prefs",
    text: mrkdwn("*Send me new reviews, reminders and escalations by*"),
    accessory: { type: "static_select", action_id: HOME_ACTION.notifyVia, initial_option: option(input.notifyVia), options: (["BOTH", "SLACK", "EMAIL"] as const).map(option) },
  });
  return { type: "home" as const, blocks };
}

/** The Home tab for a Slack account that matches nobody in Rollcall. */
export function unknownUserHomeView(text: string) {
  return { type: "home" as const, blocks: [{ type: "header", block_id: "head", text: plain("Rollcall") }, { type: "section", block_id: "why", text: mrkdwn(text) }] };
}
