import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { slackClient } from "@/lib/slack/client";
import { sendDigest } from "@/lib/slack/send-digest";
import { slackSendDigestJob } from "@/lib/slack/jobs";
import { ownerWorld, pendingItems, slackStandInForFile } from "@/lib/slack/test-setup";
import { createUser } from "@/prisma/factories";

const standIn = await slackStandInForFile({ queues: false });

const posts = () => standIn.callsTo("chat.postMessage");

describe("DM digest", () => {
  it("sends an owner with 25 pending items 3 DMs (10 + 10 + 5), stores each, and caches the Slack id", async () => {
    const world = await ownerWorld(standIn);
    const items = await pendingItems(world, world.owner.id, 25);
    const result = await sendDigest(slackClient(), { workspaceId: world.ws.id, userId: world.owner.id, since: new Date() });

    expect(result).toEqual({ status: "sent", messages: 3, items: 25 });
    expect(posts()).toHaveLength(3);
    expect(standIn.callsTo("users.lookupByEmail")).toHaveLength(1);
    expect(standIn.callsTo("conversations.open")).toHaveLength(1);
    const channel = `D${world.slackId.slice(1)}`;
    expect(posts().every((c) => c.args.channel === channel)).toBe(true);

    const rows = await db.slackMessage.findMany({ where: { workspaceId: world.ws.id, userId: world.owner.id }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => r.itemIds.length)).toEqual([10, 10, 5]);
    expect(new Set(rows.flatMap((r) => r.itemIds))).toEqual(new Set(items.map((i) => i.id)));
    expect(rows.map((r) => r.ts)).toEqual(posts().map((c) => c.response.ts));

    const owner = await db.user.findUniqueOrThrow({ where: { id: world.owner.id } });
    expect(owner.slackUserId).toBe(world.slackId);
    const link = await db.auditEvent.findFirst({ where: { workspaceId: world.ws.id, action: "slack.user-linked", subjectId: world.owner.id } });
    expect(link?.data).toMatchObject({ slackUserId: world.slackId, via: "users.lookupByEmail" });

    // A retried job (same `since`) sends nothing twice; the cached Slack id needs no second lookup.
    const again = await sendDigest(slackClient(), { workspaceId: world.ws.id, userId: world.owner.id, since: new Date(Date.now() - 60_000) });
    expect(again).toEqual({ status: "skipped", why: "nothing pending to send" });
    expect(posts()).toHaveLength(3);
  });

  it("caps a digest at five messages (60 pending → 5 DMs of 10; the header counts all 60)", async () => {
    const world = await ownerWorld(standIn);
    await pendingItems(world, world.owner.id, 60);
    const result = await sendDigest(slackClient(), { workspaceId: world.ws.id, userId: world.owner.id, since: new Date() });
    expect(result).toEqual({ status: "sent", messages: 5, items: 50 });
    expect(posts()).toHaveLength(5);
    // The header tells them how many wait in total.
    expect(JSON.stringify(posts()[0]!.args.blocks)).toContain("60 pending for you in total");
  });

  it("waits out a 429 Retry-After and still posts every message exactly once", async () => {
    const world = await ownerWorld(standIn);
    await pendingItems(world, world.owner.id, 12);
    standIn.rateLimit("chat.postMessage", 1, 1);
    const started = Date.now();
    const result = await sendDigest(slackClient(), { workspaceId: world.ws.id, userId: world.owner.id, since: new Date() });
    expect(result).toMatchObject({ status: "sent", messages: 2 });
    const limited = standIn.attemptsOf("chat.postMessage").filter((c) => c.status === 429);
    expect(limited).toHaveLength(1);
    expect(posts()).toHaveLength(2);
    expect(posts()[0]!.at - limited[0]!.at).toBeGreaterThanOrEqual(1000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  });

  it("sends only the named items (e.g. newly assigned), skipping decided ones", async () => {
    const world = await ownerWorld(standIn);
    const items = await pendingItems(world, world.owner.id, 4);
    await db.reviewItem.update({ where: { id: items[0]!.id }, data: { status: "DECIDED" } });
    const result = await sendDigest(slackClient(), { workspaceId: world.ws.id, userId: world.owner.id, itemIds: items.slice(0, 2).map((i) => i.id), since: new Date() });
    expect(result).toEqual({ status: "sent", messages: 1, items: 1 });
    const row = await db.slackMessage.findFirstOrThrow({ where: { userId: world.owner.id } });
    expect(row.itemIds).toEqual([items[1]!.id]);
  });

  it("skips people Slack does not know and people who left, without posting", async () => {
    const world = await ownerWorld(standIn);
    const stranger = await createUser(db, world.ws.id, { email: "not-in-slack@acme.test" });
    await pendingItems(world, stranger.id, 2);
    expect(await sendDigest(slackClient(), { workspaceId: world.ws.id, userId: stranger.id, since: new Date() })).toEqual({ status: "skipped", why: "no Slack account with this email" });
    const departed = await createUser(db, world.ws.id, { status: "DEPARTED" });
    expect(await sendDigest(slackClient(), { workspaceId: world.ws.id, userId: departed.id, since: new Date() })).toEqual({ status: "skipped", why: "person not active" });
    expect(posts()).toHaveLength(0);
  });

  it("respects a preference for email: automatic digests skip the person, a requested one still goes", async () => {
    const world = await ownerWorld(standIn);
    await pendingItems(world, world.owner.id, 2);
    await db.user.update({ where: { id: world.owner.id }, data: { notifyVia: "EMAIL" } });
    expect(await sendDigest(slackClient(), { workspaceId: world.ws.id, userId: world.owner.id, since: new Date() })).toEqual({ status: "skipped", why: "prefers email" });
    expect(posts()).toHaveLength(0);
    expect(await sendDigest(slackClient(), { workspaceId: world.ws.id, userId: world.owner.id, since: new Date(), requested: true })).toMatchObject({ status: "sent", messages: 1 });
  });

  it("runs as the slack.send-digest job with its validated input", async () => {
    const world = await ownerWorld(standIn);
    await pendingItems(world, world.owner.id, 3);
    await slackSendDigestJob.handle(slackSendDigestJob.input.parse({ workspaceId: world.ws.id, userId: world.owner.id, since: new Date().toISOString() }));
    expect(posts()).toHaveLength(1);
    expect(() => slackSendDigestJob.input.parse({ workspaceId: "nope", userId: world.owner.id, since: "x" })).toThrow();
  });
});
