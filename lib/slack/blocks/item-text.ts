import type { SlackItemView } from "@/lib/slack/blocks/types";
import { LIMITS } from "@/lib/slack/blocks/limits";
import { clip, dueWords, escapeMrkdwn, kindWord, link, slackDay } from "@/lib/slack/blocks/words";

const MAX_REASONS = 5;
const MAX_REASON_CHARS = 400;

export const itemUrl = (baseUrl: string, itemId: string) => `${baseUrl}/reviews/${itemId}`;

/**
 * One review item as the web list shows it: name (linked to the web item), kind and source, why it is
 * up for review (the findings' sentences), when it was last used and when it is due.
 */
export function itemText(item: SlackItemView, baseUrl: string, now: Date): string {
  // Names are cut before escaping and linking, so the final safety clip never splits a link.
  const where = [kindWord(item.kind), escapeMrkdwn(clip(item.sourceName, 100)), item.environment ? escapeMrkdwn(clip(item.environment, 60)) : null].filter(Boolean).join(" · ");
  const title = `*${link(itemUrl(baseUrl, item.id), clip(item.identityName, 150))}*  ${where}`;
  const shown = item.reasons.slice(0, MAX_REASONS).map((r) => `• ${escapeMrkdwn(clip(r, MAX_REASON_CHARS))}`);
  if (item.reasons.length > MAX_REASONS) shown.push(`• …and ${item.reasons.length - MAX_REASONS} more on the web`);
  if (!shown.length) shown.push("• Scheduled review");
  const open = item.status === "PENDING" || item.status === "ESCALATED";
  const facts = [`Last used ${item.lastUsedAt ? slackDay(item.lastUsedAt) : "never"}`, open && !item.campaignClosed ? dueWords(item.dueAt, now) : null, escapeMrkdwn(clip(item.campaignName, 150))]
    .filter(Boolean)
    .join(" · ");
  return clip([title, ...shown, facts].join("\n"), LIMITS.sectionText);
}

/** An item the reader can still answer from Slack. */
export const isActionable = (item: SlackItemView) => !item.decision && !item.campaignClosed && (item.status === "PENDING" || item.status === "ESCALATED");
