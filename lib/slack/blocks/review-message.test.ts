import { describe, expect, it } from "vitest";
import { ACTION, digestMessages, reviewMessage } from "@/lib/slack/blocks/review-message";
import { messageProblems } from "@/lib/slack/blocks/limits";
import type { Block } from "@/lib/slack/blocks/types";
import { NOW, fakeItem, fakeItems } from "@/lib/slack/blocks/fixtures";

const ctx = { baseUrl: "https://rollcall.example.com", now: NOW, totalPending: 25 };
/** The block with this id, read as the shape the test expects (Block Kit JSON is plain data). */
function byId<T>(blocks: Block[], id: string): T {
  const block = blocks.find((b) => b.block_id === id);
  if (!block) throw new Error(`no block ${id}`);
  return block as unknown as T;
}
const actionIds = (blocks: Block[]) => blocks.flatMap((b) => [...((b.elements as { action_id?: string }[] | undefined) ?? []), ...(b.accessory ? [b.accessory as { action_id?: string }] : [])]).map((e) => e.action_id).filter(Boolean);

describe("reviewMessage", () => {
  it("renders one item with kind, source, why, last used, due, the web link, Keep/Revoke and the overflow", () => {
    const message = reviewMessage([fakeItem(3)], ctx);
    expect(messageProblems(message)).toEqual([]);
    expect(message).toMatchSnapshot();
    const section = byId<{ text: { text: string }; accessory: { options: { text: { text: string } }[] } }>(message.blocks, `item:${fakeItem(3).id}`);
    expect(section.text.text).toContain(`<https://rollcall.example.com/reviews/${fakeItem(3).id}|ci-deployer-3>`);
    expect(section.text.text).toContain("service account · aws-prod");
    expect(section.text.text).toContain("requested 412 tokens today");
    expect(section.text.text).toMatch(/Last used <!date\^\d+\^\{date_short_pretty\}\|2026-03-10>/);
    expect(section.accessory.options.map((o) => o.text.text)).toEqual(["Reduce…", "Exception…", "Not mine…"]);
    expect(actionIds(message.blocks)).toEqual([ACTION.more, ACTION.keep, ACTION.revoke]);
  });

  it.each([1, 10])("stays within Slack's limits for %i items", (count) => {
    const message = reviewMessage(fakeItems(count), ctx);
    expect(messageProblems(message)).toEqual([]);
    expect(message.blocks.length).toBeLessThanOrEqual(50);
  });

  it("refuses more than ten items in one message", () => {
    expect(() => reviewMessage(fakeItems(11), ctx)).toThrow(/at most 10/);
  });

  it("keeps huge names and sentences within 3,000 characters per section", () => {
    const item = fakeItem(100, { identityName: "x".repeat(5000), reasons: Array.from({ length: 40 }, (_, i) => `${i} ${"very long finding sentence ".repeat(100)}`), campaignName: "c".repeat(4000) });
    const message = reviewMessage([item, ...fakeItems(9)], ctx);
    expect(messageProblems(message)).toEqual([]);
    expect(byId<{ text: { text: string } }>(message.blocks, `item:${item.id}`).text.text).toContain("…and 35 more on the web");
  });

  it("escapes the characters Slack reads as markup", () => {
    const message = reviewMessage([fakeItem(1, { identityName: "a<b>&c", reasons: ["<!channel> ping"] })], ctx);
    const text = JSON.stringify(message.blocks);
    expect(text).toContain("a&lt;b&gt;&amp;c");
    expect(text).not.toContain("<!channel>");
  });

  it("replaces the buttons of a decided item with who decided and when", () => {
    const decided = fakeItem(1, {
      status: "DECIDED",
      decision: { kind: "ATTEST", at: new Date("2026-03-10T14:02:00Z"), by: { name: "Ana", slackUserId: "U0ANA" }, channel: "SLACK", exceptionUntil: null, removedCount: 0, newOwnerName: null },
    });
    const message = reviewMessage([decided, fakeItem(2)], ctx);
    const done = byId<{ elements: { text: string }[] }>(message.blocks, `done:${decided.id}`);
    expect(done.elements[0]!.text).toBe("✅ Kept by <@U0ANA> · <!date^1773151320^{time}|14:02 UTC>");
    expect(message.blocks.some((b) => b.block_id === `act:${decided.id}`)).toBe(false);
    expect(message.blocks.some((b) => b.block_id === `act:${fakeItem(2).id}`)).toBe(true);
    expect((message.blocks[0] as unknown as { text: { text: string } }).text.text).toBe("🟡 1 access review waiting for you");
  });

  it.each([
    ["REVOKE", "🔴 Revoked by Bo on the web"],
    ["EXCEPTION", "🟣 Exception until <!date^1775779200^{date_short}|2026-04-10> by Bo on the web"],
    ["REDUCE", "✂️ Reduced (2 entitlements removed) by Bo on the web"],
    ["REASSIGN", "↪️ Not mine — passed to Cy by Bo on the web"],
  ] as const)("words a %s decision made on the web", (kind, expected) => {
    const item = fakeItem(1, {
      status: "DECIDED",
      decision: { kind, at: new Date("2026-03-09T08:00:00Z"), by: { name: "Bo", slackUserId: null }, channel: "WEB", exceptionUntil: new Date("2026-04-10T00:00:00Z"), removedCount: 2, newOwnerName: "Cy" },
    });
    const done = byId<{ elements: { text: string }[] }>(reviewMessage([item], ctx).blocks, `done:${item.id}`);
    expect(done.elements[0]!.text).toBe(`${expected} · <!date^1773043200^{date_short} {time}|2026-03-09 08:00 UTC>`);
  });

  it("says when everything in the message is answered or the campaign closed", () => {
    const closed = fakeItem(1, { campaignClosed: true });
    const message = reviewMessage([closed], ctx);
    expect((message.blocks[0] as unknown as { text: { text: string } }).text.text).toBe("✅ This review is answered");
    expect(JSON.stringify(message.blocks)).toContain("is closed; this review can no longer be answered");
    expect(actionIds(message.blocks)).toEqual([]);
  });

  it("asks for a reason (Keep… opens a modal) when an item has high-severity findings", () => {
    const message = reviewMessage([fakeItem(3, { highFindings: true })], ctx);
    expect(actionIds(message.blocks)).toContain(ACTION.keepWithReason);
    expect(actionIds(message.blocks)).not.toContain(ACTION.keep);
  });

  it("offers Keep all N unchanged, with a confirm dialog, only for open items without findings", () => {
    const items = fakeItems(10); // items 3, 6, 9 have findings
    const message = reviewMessage(items, ctx);
    const keepAll = byId<{ elements: { text: { text: string }; value: string; confirm: { title: { text: string } } }[] }>(message.blocks, "keep_all");
    expect(keepAll.elements[0]!.text.text).toBe("Keep all 7 unchanged");
    expect(keepAll.elements[0]!.confirm.title.text).toBe("Keep 7 unchanged?");
    expect(keepAll.elements[0]!.value.split(",")).toEqual(items.filter((i) => i.findingsCount === 0).map((i) => i.id));
    expect(reviewMessage([fakeItem(1), fakeItem(3)], ctx).blocks.some((b) => b.block_id === "keep_all")).toBe(false);
  });
});

describe("digestMessages", () => {
  it.each([
    [1, 1],
    [10, 1],
    [25, 3],
    [500, 50],
  ])("cuts %i items into %i messages, each within Slack's limits, every item once", (count, messages) => {
    const items = fakeItems(count);
    const digest = digestMessages(items, ctx);
    expect(digest).toHaveLength(messages);
    for (const part of digest) {
      expect(messageProblems(part.message)).toEqual([]);
      expect(part.itemIds.length).toBeLessThanOrEqual(10);
    }
    expect(digest.flatMap((d) => d.itemIds)).toEqual(items.map((i) => i.id));
  });
});

describe("messageProblems (the checker itself)", () => {
  it("reports too many blocks, long section text, long buttons and repeated block ids", () => {
    const section = (id: string, text: string) => ({ type: "section", block_id: id, text: { type: "mrkdwn", text } });
    expect(messageProblems({ blocks: Array.from({ length: 51 }, (_, i) => section(`b${i}`, "x")) })).toContain("blocks: 51 (max 50)");
    expect(messageProblems({ blocks: [section("a", "x".repeat(3001))] })).toEqual(["blocks[0].text: 3001 characters (max 3000)"]);
    expect(messageProblems({ blocks: [section("a", "x"), section("a", "y")] })).toEqual(['blocks[1].block_id "a" is repeated']);
    expect(messageProblems({ blocks: [{ type: "actions", elements: [{ type: "button", text: { type: "plain_text", text: "k".repeat(76) }, action_id: "a" }] }] })).toEqual(["blocks[0].elements[0].text: 76 characters (max 75)"]);
    expect(messageProblems({ blocks: [{ type: "section", accessory: { type: "overflow", options: [] }, text: { type: "mrkdwn", text: "x" } }] })).toEqual(["blocks[0].accessory: 0 options (allowed 2–5)"]);
  });
});
