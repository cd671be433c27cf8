import type { Block, BlockKitMessage, SlackItemView } from "@/lib/slack/blocks/types";
import { isActionable, itemText } from "@/lib/slack/blocks/item-text";
import { decisionLine, dueWords, link } from "@/lib/slack/blocks/words";

/** Items per message: 10 × (section + actions) + header and footer stays well under 50 blocks. */
export const ITEMS_PER_MESSAGE = 10;

/** action_id values the listeners register; block ids carry the item id for in-place updates. */
export const ACTION = {
  keep: "review.keep",
  keepWithReason: "review.keep_why",
  revoke: "review.revoke",
  more: "review.more",
  keepAll: "review.keep_all",
  openWeb: "review.open_web",
} as const;

export type MessageContext = { baseUrl: string; now: Date; totalPending: number };

const plain = (text: string) => ({ type: "plain_text" as const, text, emoji: true });
const mrkdwn = (text: string) => ({ type: "mrkdwn", text });
const option = (text: string, value: string) => ({ text: plain(text), value });
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function itemBlocks(item: SlackItemView, ctx: MessageContext): Block[] {
  const section: Block = { type: "section", block_id: `item:${item.id}`, text: mrkdwn(itemText(item, ctx.baseUrl, ctx.now)) };
  if (item.decision) return [section, { type: "context", block_id: `done:${item.id}`, elements: [mrkdwn(decisionLine(item.decision, ctx.now))] }];
  if (item.campaignClosed) return [section, { type: "context", block_id: `done:${item.id}`, elements: [mrkdwn(`🔒 ${item.campaignName} is closed; this review can no longer be answered.`)] }];
  if (!isActionable(item)) return [section, { type: "context", block_id: `done:${item.id}`, elements: [mrkdwn("⌛ Expired without an answer.")] }];
  section.accessory = {
    type: "overflow",
    action_id: ACTION.more,
    options: [option("Reduce…", `REDUCE:${item.id}`), option("Exception…", `EXCEPTION:${item.id}`), option("Not mine…", `REASSIGN:${item.id}`)],
  };
  const keep = { type: "button", action_id: item.highFindings ? ACTION.keepWithReason : ACTION.keep, text: plain(item.highFindings ? "Keep…" : "Keep"), style: "primary", value: item.id };
  const revoke = { type: "button", action_id: ACTION.revoke, text: plain("Revoke…"), style: "danger", value: item.id };
  return [section, { type: "actions", block_id: `act:${item.id}`, elements: [keep, revoke] }];
}

/** Items that "Keep all unchanged" may keep: still open, and no risk findings (DESIGN.md §7). */
export const keepAllCandidates = (items: SlackItemView[]) => items.filter((i) => isActionable(i) && i.findingsCount === 0);

/**
 * The one builder for a review DM: the first post and every later update (after a click in Slack or a
 * decision on the web) render the same items through here, so a message always shows current state.
 */
export function reviewMessage(items: SlackItemView[], ctx: MessageContext): BlockKitMessage {
  if (items.length > ITEMS_PER_MESSAGE) throw new Error(`A review message holds at most ${ITEMS_PER_MESSAGE} items (got ${items.length}); use digestMessages.`);
  const open = items.filter(isActionable);
  const answered = items.filter((i) => i.decision).length;
  const withFindings = open.filter((i) => i.findingsCount > 0).length;
  const firstDue = open.map((i) => i.dueAt).sort((a, b) => a.getTime() - b.getTime())[0];

  const title = open.length ? `🟡 ${plural(open.length, "access review")} waiting for you` : `✅ ${items.length === 1 ? "This review is" : `All ${items.length} reviews here are`} answered`;
  const facts = [
    firstDue ? dueWords(firstDue, ctx.now) : null,
    open.length ? `${withFindings} with findings` : null,
    answered ? `${answered} answered` : null,
    `${ctx.totalPending} pending for you in total`,
    link(`${ctx.baseUrl}/reviews`, "Open My reviews"),
  ].filter(Boolean);
  const blocks: Block[] = [
    { type: "header", block_id: "head", text: plain(title) },
    { type: "context", block_id: "facts", elements: [mrkdwn(facts.join(" · "))] },
    { type: "divider", block_id: "top" },
    ...items.flatMap((item) => itemBlocks(item, ctx)),
  ];
  const keepable = keepAllCandidates(items);
  if (keepable.length >= 2) {
    blocks.push({ type: "divider", block_id: "bottom" });
    blocks.push({
      type: "actions",
      block_id: "keep_all",
      elements: [{
        type: "button",
        action_id: ACTION.keepAll,
        text: plain(`Keep all ${keepable.length} unchanged`),
        value: keepable.map((i) => i.id).join(","),
        confirm: {
          title: plain(`Keep ${keepable.length} unchanged?`),
          text: mrkdwn(`These ${keepable.length} identities have no findings. Rollcall records that you kept each one as it is; decisions are final and audited.`),
          confirm: plain(`Keep ${keepable.length}`),
          deny: plain("Cancel"),
        },
      }],
    });
  }
  const text = open.length
    ? `You have ${plural(open.length, "access review")} waiting${firstDue ? ` (first due ${firstDue.toISOString().slice(0, 10)})` : ""}.`
    : "These access reviews are answered.";
  return { text, blocks };
}

/** One DM per owner per batch: the items cut into messages of ten, most urgent first as given. */
export function digestMessages(items: SlackItemView[], ctx: MessageContext): { itemIds: string[]; message: BlockKitMessage }[] {
  const out: { itemIds: string[]; message: BlockKitMessage }[] = [];
  for (let i = 0; i < items.length; i += ITEMS_PER_MESSAGE) {
    const chunk = items.slice(i, i + ITEMS_PER_MESSAGE);
    out.push({ itemIds: chunk.map((c) => c.id), message: reviewMessage(chunk, ctx) });
  }
  return out;
}
