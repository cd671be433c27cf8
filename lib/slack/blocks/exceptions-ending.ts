import type { Block, BlockKitMessage } from "@/lib/slack/blocks/types";
import { itemUrl } from "@/lib/slack/blocks/item-text";
import { clip, escapeMrkdwn, link, slackDate } from "@/lib/slack/blocks/words";

/** One exception the reader granted that ends soon. */
export type EndingExceptionView = { itemId: string; identityName: string; until: Date; justification: string };

/** Exceptions listed in one DM; more are counted and left to the web. */
export const EXCEPTIONS_PER_MESSAGE = 20;

const mrkdwn = (text: string) => ({ type: "mrkdwn", text });

/**
 * "The exceptions you granted end soon": one DM per person per run (never one per exception), each
 * with its reason and a link to the review on the web. When one ends, the identity is reviewed again.
 */
export function exceptionsEndingMessage(list: EndingExceptionView[], ctx: { baseUrl: string }): BlockKitMessage {
  if (!list.length) throw new Error("exceptionsEndingMessage needs at least one exception");
  const sorted = [...list].sort((a, b) => a.until.getTime() - b.until.getTime());
  const shown = sorted.slice(0, EXCEPTIONS_PER_MESSAGE);
  const title = list.length === 1 ? "🟣 An exception you granted ends soon" : `🟣 ${list.length} exceptions you granted end soon`;
  const blocks: Block[] = [
    { type: "header", block_id: "head", text: { type: "plain_text", text: title, emoji: true } },
    { type: "context", block_id: "facts", elements: [mrkdwn("When an exception ends, the identity comes back to you for review. Revoke it now if it is no longer needed.")] },
    ...shown.map((e): Block => ({
      type: "section",
      block_id: `exc:${e.itemId}`,
      text: mrkdwn(clip(`*${link(itemUrl(ctx.baseUrl, e.itemId), e.identityName)}* — ends ${slackDate(e.until)}\n> ${escapeMrkdwn(e.justification || "(no reason given)").replaceAll("\n", " ")}`, 3000)),
    })),
  ];
  if (sorted.length > shown.length) blocks.push({ type: "context", block_id: "more", elements: [mrkdwn(`…and ${sorted.length - shown.length} more on ${link(`${ctx.baseUrl}/reviews`, "the web")}.`)] });
  const first = shown[0]!;
  const text = list.length === 1
    ? `The exception for ${first.identityName} ends on ${first.until.toISOString().slice(0, 10)}.`
    : `${list.length} exceptions you granted end soon (first on ${first.until.toISOString().slice(0, 10)}).`;
  return { text, blocks };
}
