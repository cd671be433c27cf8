import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { slackClient } from "@/lib/slack/client";
import { sendDigest } from "@/lib/slack/send-digest";
import { slackRefreshItemJob } from "@/lib/slack/jobs";
import { decide } from "@/lib/reviews/decide";
import { decideInput } from "@/lib/reviews/schema";
import { SIGNING_SECRET, ownerWorld, pendingItems, postToSlack as post, slackStandInForFile } from "@/lib/slack/test-setup";
import { buttonClick, interactive, eventRequest, urlVerification } from "@/e2e/slack-payloads";
import { createUser } from "@/prisma/factories";

const standIn = await slackStandInForFile();

/** An owner with `count` items already sent as a DM; returns the first message's channel and ts. */
async function digestWorld(count = 3) {
  const world = await ownerWorld(standIn);
  const items = await pendingItems(world, world.owner.id, count);
  await sendDigest(slackClient(), { workspaceId: world.ws.id, userId: world.owner.id, since: new Date() });
  const row = await db.slackMessage.findFirstOrThrow({ where: { userId: world.owner.id }, orderBy: { createdAt: "asc" } });
  standIn.reset();
  return { ...world, items, channel: row.channel, ts: row.ts };
}

const keepClick = (w: { channel: string; ts: string }, user: string, itemId: string) =>
  buttonClick({ user: { id: user }, channel: w.channel, messageTs: w.ts, actionId: "review.keep", blockId: `act:${itemId}`, value: itemId, text: "Keep", triggerId: standIn.triggerId() });

const ephemeralTexts = () => standIn.callsTo("chat.postEphemeral").map((c) => String(c.args.text));

describe("Slack endpoint", () => {
  it("answers url_verification with the challenge", async () => {
    const res = await post(eventRequest(SIGNING_SECRET, urlVerification("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P")));
    expect(res).toMatchObject({ status: 200, json: { challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" } });
  });

  it("refuses a forged signature with 401 and decides nothing", async () => {
    const w = await digestWorld(1);
    const forged = interactive("not-the-signing-secret", keepClick(w, w.slackId, w.items[0]!.id));
    expect((await post(forged)).status).toBe(401);
    const stale = interactive(SIGNING_SECRET, keepClick(w, w.slackId, w.items[0]!.id), Date.now() - 6 * 60_000);
    expect((await post(stale)).status).toBe(401);
    const valid = interactive(SIGNING_SECRET, keepClick(w, w.slackId, w.items[0]!.id));
    expect((await post({ ...valid, body: valid.body.replace("review.keep", "review.keep_all") })).status).toBe(401);
    expect(await db.decision.count({ where: { itemId: w.items[0]!.id } })).toBe(0);
    expect(standIn.calls).toHaveLength(0);
  });

  it("Keep: acks at once, records a SLACK decision, and updates the message in place", async () => {
    const w = await digestWorld(3);
    const item = w.items[0]!;
    const res = await post(interactive(SIGNING_SECRET, keepClick(w, w.slackId, item.id)));
    expect(res.status).toBe(200);
    expect(res.text).toBe("");

    const decision = await db.decision.findUniqueOrThrow({ where: { itemId: item.id } });
    expect(decision).toMatchObject({ kind: "ATTEST", channel: "SLACK", deciderId: w.owner.id });
    expect(await db.auditEvent.count({ where: { workspaceId: w.ws.id, action: "review.decided", subjectId: item.id } })).toBe(1);

    const update = await standIn.waitForCall("chat.update", (c) => c.args.ts === w.ts && c.args.channel === w.channel);
    const shown = JSON.stringify(update.args.blocks);
    expect(shown).toMatch(new RegExp(`✅ Kept by <@${w.slackId}> · <!date\\^\\d+\\^\\{time\\}\\|\\d\\d:\\d\\d UTC>`));
    expect(shown).not.toContain(`act:${item.id}`);
    expect(shown).toContain(`act:${w.items[1]!.id}`);
    expect(standIn.messages.get(`${w.channel}:${w.ts}`)?.blocks).toEqual(update.args.blocks);
    expect(ephemeralTexts()).toEqual([]);
  });

  it("the same click delivered twice makes one decision; the person is told it was already answered", async () => {
    const w = await digestWorld(1);
    const request = interactive(SIGNING_SECRET, keepClick(w, w.slackId, w.items[0]!.id));
    await post(request);
    await post(request);
    expect(await db.decision.count({ where: { itemId: w.items[0]!.id } })).toBe(1);
    expect(ephemeralTexts()).toEqual(["This review was already answered."]);
  });

  it("a retried delivery (x-slack-retry-num) never makes a second decision and stays quiet", async () => {
    const w = await digestWorld(1);
    const request = interactive(SIGNING_SECRET, keepClick(w, w.slackId, w.items[0]!.id));
    await post(request);
    const retry = await post(request, { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" });
    expect(retry.status).toBe(200);
    expect(await db.decision.count({ where: { itemId: w.items[0]!.id } })).toBe(1);
    expect(ephemeralTexts()).toEqual([]);
  });

  it("concurrent clicks on one item end in exactly one decision", async () => {
    const w = await digestWorld(1);
    await Promise.all(Array.from({ length: 10 }, () => post(interactive(SIGNING_SECRET, keepClick(w, w.slackId, w.items[0]!.id)))));
    expect(await db.decision.count({ where: { itemId: w.items[0]!.id } })).toBe(1);
    expect(await db.auditEvent.count({ where: { workspaceId: w.ws.id, action: "review.decided" } })).toBe(1);
  });

  it("a click that cannot be decided in-process (Slack unreachable) is retried by the slack.click job, once", async () => {
    const w = await digestWorld(1);
    // A person not linked yet: users.info is needed, and Slack fails it (after the client's own retries).
    await db.user.update({ where: { id: w.owner.id }, data: { slackUserId: null } });
    standIn.failNext("users.info", 5);
    await post(interactive(SIGNING_SECRET, keepClick(w, w.slackId, w.items[0]!.id)));
    expect(standIn.attemptsOf("users.info").filter((c) => c.status === 503)).toHaveLength(5);
    expect(await db.decision.findUniqueOrThrow({ where: { itemId: w.items[0]!.id } })).toMatchObject({ channel: "SLACK", deciderId: w.owner.id });
    expect(ephemeralTexts()).toEqual([]);
  });

  it("refuses another person's click with an ephemeral explanation and no decision", async () => {
    const w = await digestWorld(1);
    const colleague = await createUser(db, w.ws.id, { name: "Bo", email: `bo-${w.slackId.toLowerCase()}@acme.test` });
    standIn.addUser({ id: `${w.slackId}B`, email: colleague.email, name: "Bo" });
    await post(interactive(SIGNING_SECRET, keepClick(w, `${w.slackId}B`, w.items[0]!.id)));
    expect(await db.decision.count({ where: { itemId: w.items[0]!.id } })).toBe(0);
    expect(ephemeralTexts()).toEqual(["Only the assigned reviewer or their delegate can decide this review."]);
    expect(standIn.callsTo("chat.postEphemeral")[0]!.args).toMatchObject({ channel: w.channel, user: `${w.slackId}B` });
  });

  it("refuses a Slack user Rollcall does not know, politely, and one whose email is unconfirmed", async () => {
    const w = await digestWorld(1);
    standIn.addUser({ id: "U0STRANGER", email: "stranger@elsewhere.test", name: "Stranger" });
    standIn.addUser({ id: "U0UNCONFIRMED", email: w.owner.email.replace("@", "+x@"), name: "Unconfirmed", confirmed: false });
    await post(interactive(SIGNING_SECRET, keepClick(w, "U0STRANGER", w.items[0]!.id)));
    await post(interactive(SIGNING_SECRET, keepClick(w, "U0UNCONFIRMED", w.items[0]!.id)));
    expect(await db.decision.count({ where: { itemId: w.items[0]!.id } })).toBe(0);
    expect(ephemeralTexts()[0]).toMatch(/^Sorry, I couldn't find a Rollcall account with your Slack email address/);
    expect(ephemeralTexts()[1]).toMatch(/confirmed email address/);
  });

  it("refuses a click on a closed campaign and shows the message as closed", async () => {
    const w = await digestWorld(2);
    await db.campaign.update({ where: { id: w.campaign.id }, data: { status: "CLOSED", closedAt: new Date() } });
    await post(interactive(SIGNING_SECRET, keepClick(w, w.slackId, w.items[0]!.id)));
    expect(await db.decision.count({ where: { itemId: w.items[0]!.id } })).toBe(0);
    expect(ephemeralTexts()).toEqual(["This campaign is closed; its reviews are read-only."]);
    const update = await standIn.waitForCall("chat.update");
    expect(JSON.stringify(update.args.blocks)).toContain("is closed; this review can no longer be answered");
  });

  it("a decision made on the web updates the Slack message (slack.refresh-item)", async () => {
    const w = await digestWorld(2);
    const actor = { type: "USER" as const, workspaceId: w.ws.id, userId: w.owner.id, role: w.owner.role, label: w.owner.email };
    await db.user.update({ where: { id: w.owner.id }, data: { slackUserId: w.slackId } });
    await decide(actor, decideInput.parse({ itemId: w.items[1]!.id, decision: "REVOKE", justification: "Service retired" }), "WEB");
    await slackRefreshItemJob.handle({ workspaceId: w.ws.id, itemId: w.items[1]!.id });
    const update = await standIn.waitForCall("chat.update", (c) => c.args.ts === w.ts);
    expect(JSON.stringify(update.args.blocks)).toContain(`🔴 Revoked by <@${w.slackId}> on the web`);
  });
});
