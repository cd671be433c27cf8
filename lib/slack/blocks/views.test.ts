import { describe, expect, it } from "vitest";
import { viewProblems, messageProblems } from "@/lib/slack/blocks/limits";
import { FIELD_BLOCK, exceptionMaxDate, exceptionModal, keepModal, reassignModal, reduceModal, revokeModal } from "@/lib/slack/blocks/modals";
import { homeView, unknownUserHomeView } from "@/lib/slack/blocks/home";
import { ephemeralText, pendingList } from "@/lib/slack/blocks/pending-list";
import { NOW, fakeEntitlements, fakeItem, fakeItems } from "@/lib/slack/blocks/fixtures";

const ctx = { baseUrl: "https://rollcall.example.com", now: NOW };
const origin = { itemId: fakeItem(1).id, channel: "D0123", ts: "1773151320.000100" };
const summary = (n: number) => ({ total: n, overdue: Math.floor(n / 4), withFindings: Math.floor(n / 3) });

describe("modals", () => {
  it("builds every modal within Slack's limits, titles at most 24 characters", () => {
    const item = fakeItem(1, { identityName: "n".repeat(3000) });
    const views = [
      keepModal(item, origin, ctx),
      revokeModal(item, origin, ctx),
      reduceModal(item, fakeEntitlements(3), origin, ctx),
      exceptionModal(item, origin, { ...ctx, exceptionMaxDays: 90 }),
      reassignModal(item, origin, ctx),
    ];
    for (const view of views) {
      expect(viewProblems(view)).toEqual([]);
      expect(view.title.text.length).toBeLessThanOrEqual(24);
      expect(JSON.parse(view.private_metadata)).toEqual(origin);
    }
  });

  it("snapshots the exception modal: reason, date picker, the policy limit in the hint", () => {
    const view = exceptionModal(fakeItem(1), origin, { ...ctx, exceptionMaxDays: 90 });
    expect(view).toMatchSnapshot();
    expect(exceptionMaxDate(NOW, 90)).toBe("2026-06-08");
    expect(JSON.stringify(view)).toContain("At the latest 2026-06-08 (workspace policy: 90 days).");
    expect(view.blocks.map((b) => b.block_id)).toEqual(["item", FIELD_BLOCK.justification, FIELD_BLOCK.exceptionUntil]);
  });

  it.each([1, 10, 500, 2000])("lists %i entitlements as checkboxes, ten per group, within 100 blocks", (count) => {
    const view = reduceModal(fakeItem(1), fakeEntitlements(count), origin, ctx);
    expect(viewProblems(view)).toEqual([]);
    const groups = view.blocks.filter((b) => String(b.block_id).startsWith("entitlements_"));
    expect(groups).toHaveLength(Math.min(Math.ceil(count / 10), 90));
    expect(groups[0]!.block_id).toBe(FIELD_BLOCK.removeEntitlementIds);
    if (count > 900) expect(JSON.stringify(view)).toContain(`Showing 900 of ${count} entitlements`);
  });

  it("offers no submit when there is nothing to reduce", () => {
    const view = reduceModal(fakeItem(1), [], origin, ctx);
    expect(viewProblems(view)).toEqual([]);
    expect("submit" in view).toBe(false);
  });

  it("reports a modal title over 24 characters (the checker can fail)", () => {
    const view = { ...revokeModal(fakeItem(1), origin, ctx), title: { type: "plain_text", text: "Revoke this machine identity" } };
    expect(viewProblems(view)).toEqual(["title: 28 characters (max 24)"]);
  });
});

describe("App Home and /rollcall", () => {
  it.each([1, 10, 500])("App Home for %i pending items stays within limits", (count) => {
    const view = homeView({ items: fakeItems(Math.min(count, 20)), summary: summary(count), baseUrl: ctx.baseUrl, now: NOW, notifyVia: "BOTH" });
    expect(viewProblems(view)).toEqual([]);
    expect(JSON.stringify(view)).toContain(`*${count} pending*`);
    if (count > 20) expect(JSON.stringify(view)).toContain(`Showing the 20 most urgent of ${count}`);
  });

  it("App Home with nothing pending says so, and the unknown-user Home explains", () => {
    const empty = homeView({ items: [], summary: summary(0), baseUrl: ctx.baseUrl, now: NOW, notifyVia: "EMAIL" });
    expect(viewProblems(empty)).toEqual([]);
    expect(JSON.stringify(empty)).toContain("Nothing is waiting for you");
    const prefs = empty.blocks.find((b) => b.block_id === "prefs") as unknown as { accessory: { initial_option: { value: string }; options: unknown[] } };
    expect(prefs.accessory.initial_option.value).toBe("EMAIL");
    expect(prefs.accessory.options).toHaveLength(3);
    expect(viewProblems(unknownUserHomeView("Who are you?"))).toEqual([]);
  });

  it.each([1, 10, 500])("/rollcall lists %i pending items ephemerally within limits", (count) => {
    const list = pendingList({ items: fakeItems(Math.min(count, 10)), summary: summary(count), baseUrl: ctx.baseUrl, now: NOW });
    expect(list.response_type).toBe("ephemeral");
    expect(messageProblems(list)).toEqual([]);
  });

  it("snapshots the /rollcall answer and a plain ephemeral sentence", () => {
    expect(pendingList({ items: fakeItems(2), summary: summary(2), baseUrl: ctx.baseUrl, now: NOW })).toMatchSnapshot();
    expect(messageProblems(ephemeralText("Only the assigned reviewer can decide this review."))).toEqual([]);
  });
});
