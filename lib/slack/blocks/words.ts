import type { SlackDecisionView } from "@/lib/slack/blocks/types";

// The same words and colours-as-emoji as the web (docs/UI.md): pending amber, kept green, revoked red,
// exception violet.

export const kindWord = (kind: string) => kind.replaceAll("_", " ").toLowerCase();

/** Slack mrkdwn needs only &, < and > escaped; everything else a name may hold is shown as typed. */
export const escapeMrkdwn = (text: string) => text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

export const link = (url: string, label: string) => `<${url}|${escapeMrkdwn(label).replaceAll("|", "¦")}>`;

/** Cuts text to a limit on a character boundary, marking the cut. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${Array.from(text.slice(0, max - 1)).join("")}…`;
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const isoTime = (d: Date) => d.toISOString().slice(11, 16);
const unix = (d: Date) => Math.floor(d.getTime() / 1000);

/** A date Slack renders in the reader's own time zone, with a UTC fallback for old clients. */
export const slackDate = (d: Date) => `<!date^${unix(d)}^{date_short}|${isoDay(d)}>`;
export const slackDay = (d: Date) => `<!date^${unix(d)}^{date_short_pretty}|${isoDay(d)}>`;
export const slackTime = (d: Date, now: Date) =>
  isoDay(d) === isoDay(now) ? `<!date^${unix(d)}^{time}|${isoTime(d)} UTC>` : `<!date^${unix(d)}^{date_short} {time}|${isoDay(d)} ${isoTime(d)} UTC>`;

export function dueWords(due: Date, now: Date): string {
  const days = Math.ceil((due.getTime() - now.getTime()) / 86_400_000);
  if (days < 0) return `🔴 overdue since ${slackDate(due)}`;
  if (days === 0) return "due today";
  return `due ${slackDate(due)}`;
}

const decisionWords: Record<SlackDecisionView["kind"], (d: SlackDecisionView) => string> = {
  ATTEST: () => "✅ Kept",
  REVOKE: () => "🔴 Revoked",
  REDUCE: (d) => `✂️ Reduced (${d.removedCount} ${d.removedCount === 1 ? "entitlement" : "entitlements"} removed)`,
  EXCEPTION: (d) => `🟣 Exception${d.exceptionUntil ? ` until ${slackDate(d.exceptionUntil)}` : ""}`,
  REASSIGN: (d) => `↪️ Not mine${d.newOwnerName ? ` — passed to ${escapeMrkdwn(clip(d.newOwnerName, 100))}` : ""}`,
};

/** "✅ Kept by @ana · 14:02" — the line that replaces an item's buttons once it is decided. */
export function decisionLine(decision: SlackDecisionView, now: Date): string {
  const who = decision.by ? (decision.by.slackUserId ? `<@${decision.by.slackUserId}>` : escapeMrkdwn(clip(decision.by.name, 100))) : "Rollcall (no response by the deadline)";
  const where = decision.channel === "SLACK" ? "" : decision.channel === "WEB" ? " on the web" : decision.channel === "API" ? " via the API" : "";
  return `${decisionWords[decision.kind](decision)} by ${who}${where} · ${slackTime(decision.at, now)}`;
}
