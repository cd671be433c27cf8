import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { slackClient } from "@/lib/slack/client";
import { sendDigest } from "@/lib/slack/send-digest";
import { SIGNING_SECRET, ownerWorld, pendingItems, postToSlack as post, slackStandInForFile } from "@/lib/slack/test-setup";
import { buttonClick, interactive, overflowChoice, viewSubmission } from "@/e2e/slack-payloads";
import { createFinding, createUser } from "@/prisma/factories";

const standIn = await slackStandInForFile();

async function digestWorld(count = 2, before?: (w: Awaited<ReturnType<typeof ownerWorld>>, items: { id: string; identityId: string }[]) => Promise<void>) {
  const world = await ownerWorld(standIn);
  const items = await pendingItems(world, world.owner.id, count);
  await before?.(world, items);
  await sendDigest(slackClient(), { workspaceId: world.ws.id, userId: world.owner.id, since: new Date() });
  const row = await db.slackMessage.findFirstOrThrow({ where: { userId: world.owner.id } });
  standIn.reset();
  return { ...world, items, channel: row.channel, ts: row.ts };
}
type World = Awaited<ReturnType<typeof digestWorld>>;

/** Chooses an overflow entry (or clicks a button) and returns the modal Slack was asked to open. */
async function openModal(w: World, itemId: string, how: "REDUCE" | "EXCEPTION" | "REASSIGN" | "review.revoke" | "review.keep_why", user = w.slackId) {
  const triggerId = standIn.triggerId();
  const payload = how.startsWith("review.")
    ? buttonClick({ user: { id: user }, channel: w.channel, messageTs: w.ts, actionId: how, blockId: `act:${itemId}`, value: itemId, triggerId })
    : overflowChoice({ user: { id: user }, channel: w.channel, messageTs: w.ts, blockId: `item:${itemId}`, value: `${how}:${itemId}`, label: how, triggerId });
  await post(interactive(SIGNING_SECRET, payload));
  const opened = standIn.callsTo("views.open").find((c) => c.args.trigger_id === triggerId);
  return opened?.args.view as Record<string, unknown> | undefined;
}

const submit = (w: World, view: Record<string, unknown>, values: Record<string, Record<string, unknown>>, user = w.slackId) =>
  post(interactive(SIGNING_SECRET, viewSubmission({ user: { id: user }, view, values, triggerId: standIn.triggerId() })));

const text = (value: string) => ({ value: { type: "plain_text_input", value } });
const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe("modals", () => {
  it("Exception: a date beyond the policy is a field error under the picker; fixed, it is decided and shown in place", async () => {
    const w = await digestWorld();
    const item = w.items[0]!;
    const view = await openModal(w, item.id, "EXCEPTION");
    expect(view).toMatchObject({ type: "modal", callback_id: "review.exception", title: { text: "Grant an exception" } });

    const tooLate = await submit(w, view!, { justification: text("Vendor migration finishes in June"), exception_until: { value: { type: "datepicker", selected_date: day(200) } } });
    expect(tooLate.json).toEqual({ response_action: "errors", errors: { exception_until: expect.stringMatching(/^Exceptions may last at most 90 days \(until \d{4}-\d\d-\d\d\)\.$/) } });
    const tooShort = await submit(w, view!, { justification: text("because"), exception_until: { value: { type: "datepicker", selected_date: day(30) } } });
    expect(tooShort.json).toEqual({ response_action: "errors", errors: { justification: "Say why (at least 10 characters)" } });
    expect(await db.decision.count({ where: { itemId: item.id } })).toBe(0);

    const ok = await submit(w, view!, { justification: text("Vendor migration finishes in June"), exception_until: { value: { type: "datepicker", selected_date: day(60) } } });
    expect(ok).toMatchObject({ status: 200, text: "" });
    const decision = await db.decision.findUniqueOrThrow({ where: { itemId: item.id } });
    expect(decision).toMatchObject({ kind: "EXCEPTION", channel: "SLACK", justification: "Vendor migration finishes in June" });
    expect(decision.exceptionUntil?.toISOString().slice(0, 10)).toBe(day(60));
    const update = await standIn.waitForCall("chat.update", (c) => c.args.ts === w.ts);
    expect(JSON.stringify(update.args.blocks)).toContain(`🟣 Exception until <!date^`);
  });

  it("Revoke: the modal's optional reason is recorded with the decision", async () => {
    const w = await digestWorld();
    const view = await openModal(w, w.items[0]!.id, "review.revoke");
    expect(view).toMatchObject({ callback_id: "review.revoke", title: { text: "Revoke access" } });
    expect((await submit(w, view!, { justification: text("Nobody uses this key any more") })).text).toBe("");
    expect(await db.decision.findUniqueOrThrow({ where: { itemId: w.items[0]!.id } })).toMatchObject({ kind: "REVOKE", channel: "SLACK", justification: "Nobody uses this key any more" });
  });

  it("Reduce: checkboxes of the item's entitlements; none chosen is a field error, one chosen is removed", async () => {
    const w = await digestWorld();
    const view = await openModal(w, w.items[0]!.id, "REDUCE");
    const group = (view!.blocks as { block_id: string; element?: { options?: { value: string; text: { text: string } }[] } }[]).find((b) => b.block_id === "entitlements_0")!;
    expect(group.element!.options!.map((o) => o.text.text).sort()).toEqual(["iam:PassRole", "s3:GetObject on arn:aws:s3:::logs/*"]);
    const none = await submit(w, view!, { entitlements_0: { value: { type: "checkboxes", selected_options: [] } } });
    expect(none.json).toEqual({ response_action: "errors", errors: { entitlements_0: "Choose at least one entitlement to remove" } });
    const passRole = group.element!.options!.find((o) => o.text.text === "iam:PassRole")!;
    await submit(w, view!, { entitlements_0: { value: { type: "checkboxes", selected_options: [{ text: passRole.text, value: passRole.value }] } } });
    expect(await db.decision.findUniqueOrThrow({ where: { itemId: w.items[0]!.id } })).toMatchObject({ kind: "REDUCE", removeEntitlementIds: [passRole.value] });
  });

  it("Not mine: a person picked in Slack becomes the owner; an unknown email is a field error", async () => {
    const w = await digestWorld();
    const bo = await createUser(db, w.ws.id, { name: "Bo", email: `bo-${w.slackId.toLowerCase()}@acme.test` });
    standIn.addUser({ id: `${w.slackId}B`, email: bo.email, name: "Bo" });
    const view = await openModal(w, w.items[0]!.id, "REASSIGN");
    const unknown = await submit(w, view!, { new_owner_email: { value: { type: "email_text_input", value: "nobody@acme.test" } }, justification: text("Payments team runs this job") });
    expect(unknown.json).toEqual({ response_action: "errors", errors: { new_owner_email: "Nobody active in this workspace has the email nobody@acme.test." } });
    const picked = await submit(w, view!, { new_owner_user: { value: { type: "users_select", selected_user: `${w.slackId}B` } }, justification: text("Payments team runs this job") });
    expect(picked.text).toBe("");
    expect(await db.decision.findUniqueOrThrow({ where: { itemId: w.items[0]!.id } })).toMatchObject({ kind: "REASSIGN", newOwnerId: bo.id });
  });

  it("Keep… with high-severity findings asks for a reason in a modal", async () => {
    const w = await digestWorld(1, async (world, items) => {
      await createFinding(db, world.ws.id, { identityId: items[0]!.identityId, kind: "TOKEN_SPIKE", severity: "HIGH", sentence: "svc requested 412 tokens today; its 30-day median is 9", reviewItemId: items[0]!.id });
    });
    const view = await openModal(w, w.items[0]!.id, "review.keep_why");
    expect(view).toMatchObject({ callback_id: "review.keep", title: { text: "Keep access" } });
    await submit(w, view!, { justification: text("Nightly backfill, expected spike") });
    expect(await db.decision.findUniqueOrThrow({ where: { itemId: w.items[0]!.id } })).toMatchObject({ kind: "ATTEST", justification: "Nightly backfill, expected spike" });
  });

  it("refuses to open a modal for someone else's review, and for an answered one", async () => {
    const w = await digestWorld();
    const bo = await createUser(db, w.ws.id, { email: `bo2-${w.slackId.toLowerCase()}@acme.test` });
    standIn.addUser({ id: `${w.slackId}C`, email: bo.email, name: "Bo" });
    expect(await openModal(w, w.items[0]!.id, "review.revoke", `${w.slackId}C`)).toBeUndefined();
    await db.reviewItem.update({ where: { id: w.items[1]!.id }, data: { status: "DECIDED" } });
    expect(await openModal(w, w.items[1]!.id, "EXCEPTION")).toBeUndefined();
    expect(standIn.callsTo("chat.postEphemeral").map((c) => c.args.text)).toEqual(["Only the assigned reviewer or their delegate can decide this review.", "This review was already answered."]);
  });

  it("Keep all N unchanged keeps only the items without findings, as one batch", async () => {
    const w = await digestWorld(3, async (world, items) => {
      await createFinding(db, world.ws.id, { identityId: items[2]!.identityId, kind: "DORMANT", severity: "LOW", sentence: "Unused for 120 days", reviewItemId: items[2]!.id });
    });
    const posted = standIn.messages.get(`${w.channel}:${w.ts}`)!;
    const keepAll = (posted.blocks as { block_id: string; elements?: { value: string }[] }[]).find((b) => b.block_id === "keep_all")!;
    const value = keepAll.elements![0]!.value;
    expect(value.split(",").sort()).toEqual([w.items[0]!.id, w.items[1]!.id].sort());
    // Even if a stale message listed the item with findings, it is skipped.
    await post(interactive(SIGNING_SECRET, buttonClick({ user: { id: w.slackId }, channel: w.channel, messageTs: w.ts, actionId: "review.keep_all", blockId: "keep_all", value: `${value},${w.items[2]!.id}`, triggerId: standIn.triggerId() })));
    const decisions = await db.decision.findMany({ where: { itemId: { in: w.items.map((i) => i.id) } } });
    expect(decisions.map((d) => d.itemId).sort()).toEqual([w.items[0]!.id, w.items[1]!.id].sort());
    expect(new Set(decisions.map((d) => d.batchId)).size).toBe(1);
    expect(decisions.every((d) => d.batchSize === 2 && d.channel === "SLACK")).toBe(true);
    expect(standIn.callsTo("chat.postEphemeral").map((c) => c.args.text)).toEqual(["Kept 2 unchanged; 1 not kept (has findings: decide it on its own)."]);
  });
});
