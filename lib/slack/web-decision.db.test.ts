import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { UserActor } from "@/lib/authz/actor";
import { bulkAttest } from "@/lib/reviews/bulk-attest";
import { decide } from "@/lib/reviews/decide";
import { applyDeadlineDefaults } from "@/lib/reviews/escalations-job";
import { slackClient } from "@/lib/slack/client";
import { sendDigest } from "@/lib/slack/send-digest";
import { ownerWorld, pendingItems, runQueuedJobs, slackStandInForFile } from "@/lib/slack/test-setup";
import { createUser } from "@/prisma/factories";

// Issue 6: "a decision on the web updates the Slack message" — decide() queues slack.refresh-item in
// its own transaction whenever a stored Slack message lists the item; the job re-renders the message.
const standIn = await slackStandInForFile();

const as = (u: { id: string; workspaceId: string; role: UserActor["role"]; email: string }): UserActor => ({ type: "USER", workspaceId: u.workspaceId, userId: u.id, role: u.role, label: u.email });
const queued = async (itemId: string) =>
  Number((await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM pgboss.job WHERE name = 'slack.refresh-item' AND data->>'itemId' = ${itemId}`)[0]!.n);
const updateFor = (itemId: string) => standIn.callsTo("chat.update").filter((c) => JSON.stringify(c.args.blocks).includes(`done:${itemId}`));

describe("decisions made outside Slack update the Slack message in place", () => {
  it("Keep on the web: the refresh job runs chat.update on the stored DM, showing who kept it and where", async () => {
    const world = await ownerWorld(standIn);
    const items = await pendingItems(world, world.owner.id, 3);
    await sendDigest(slackClient(), { workspaceId: world.ws.id, userId: world.owner.id, since: new Date() });
    const message = await db.slackMessage.findFirstOrThrow({ where: { userId: world.owner.id } });

    await decide(as(world.owner), { itemId: items[0]!.id, decision: "ATTEST" }, "WEB");
    expect(await queued(items[0]!.id)).toBe(1);
    expect(await runQueuedJobs("slack.refresh-item")).toBe(1);

    const [update] = updateFor(items[0]!.id);
    expect(update).toBeDefined();
    expect(update!.args).toMatchObject({ channel: message.channel, ts: message.ts });
    const blocks = JSON.stringify(update!.args.blocks);
    // The owner is linked to Slack by the digest, so the line mentions them.
    expect(blocks).toContain(`✅ Kept by <@${world.slackId}> on the web`);
    // The other two items keep their buttons.
    expect(blocks).toContain(`act:${items[1]!.id}`);
    expect(blocks).toContain(`act:${items[2]!.id}`);
    expect(standIn.messages.get(`${message.channel}:${message.ts}`)!.text).toBe("You have 2 access reviews waiting (first due " + items[1]!.dueAt.toISOString().slice(0, 10) + ").");
  });

  it("bulk keep and the deadline default (SYSTEM) refresh it too; an item never posted queues nothing", async () => {
    const world = await ownerWorld(standIn);
    const items = await pendingItems(world, world.owner.id, 3, 1);
    await sendDigest(slackClient(), { workspaceId: world.ws.id, userId: world.owner.id, itemIds: items.slice(0, 2).map((i) => i.id), since: new Date() });

    const result = await bulkAttest(as(world.owner), { itemIds: [items[0]!.id] }, "WEB");
    expect(result.kept).toEqual([items[0]!.id]);
    await db.campaign.update({ where: { id: world.campaign.id }, data: { defaultOnNoResponse: "REVOKE" } });
    expect(await applyDeadlineDefaults({ now: new Date(Date.now() + 3 * 86_400_000), workspaceId: world.ws.id })).toBe(2);

    expect(await queued(items[0]!.id)).toBe(1);
    expect(await queued(items[1]!.id)).toBe(1);
    expect(await queued(items[2]!.id)).toBe(0); // never in a Slack message: no job at all
    expect(await runQueuedJobs("slack.refresh-item")).toBe(2);
    expect(JSON.stringify(updateFor(items[0]!.id).at(-1)!.args.blocks)).toContain("✅ Kept by");
    expect(JSON.stringify(updateFor(items[1]!.id).at(-1)!.args.blocks)).toContain("🔴 Revoked by Rollcall (no response by the deadline)");
  });

  it("a burst on one message (bulk keep of 10 on the web) queues at most two refreshes, and the last shows all 10 kept", async () => {
    const world = await ownerWorld(standIn);
    const items = await pendingItems(world, world.owner.id, 10);
    await sendDigest(slackClient(), { workspaceId: world.ws.id, userId: world.owner.id, since: new Date() });
    const message = await db.slackMessage.findFirstOrThrow({ where: { userId: world.owner.id } });
    const started = Date.now();
    const result = await bulkAttest(as(world.owner), { itemIds: items.map((i) => i.id) }, "WEB");
    expect(result.kept).toHaveLength(10);
    // Two per 5-second window (one at once, one at its end). pg-boss's windows are slots of the clock
    // (multiples of 5 s since the epoch), so even a short burst that crosses a slot boundary opens one more.
    const bound = 2 + (Math.floor(Date.now() / 5000) - Math.floor(started / 5000));
    const jobs = Number((await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM pgboss.job WHERE name = 'slack.refresh-item' AND data->>'messageId' = ${message.id}`)[0]!.n);
    expect(jobs).toBeGreaterThanOrEqual(1);
    expect(jobs).toBeLessThanOrEqual(bound);
    await runQueuedJobs("slack.refresh-item");
    expect(standIn.callsTo("chat.update").length).toBeLessThanOrEqual(bound);
    const shown = JSON.stringify(standIn.messages.get(`${message.channel}:${message.ts}`)!.blocks);
    for (const item of items) expect(shown).toContain(`done:${item.id}`);
    expect(shown).toContain("All 10 reviews here are answered");
  });

  it("Not mine on the web: the old message shows it was passed on", async () => {
    const world = await ownerWorld(standIn);
    const colleague = await createUser(db, world.ws.id, { name: "Bo Builder", email: `bo-${Date.now()}@acme.test` });
    const [item] = await pendingItems(world, world.owner.id, 1);
    await sendDigest(slackClient(), { workspaceId: world.ws.id, userId: world.owner.id, since: new Date() });
    await decide(as(world.owner), { itemId: item!.id, decision: "REASSIGN", newOwnerEmail: colleague.email, justification: "Bo's team runs it" }, "WEB");
    await runQueuedJobs("slack.refresh-item");
    expect(JSON.stringify(updateFor(item!.id).at(-1)!.args.blocks)).toContain("↪️ Not mine — passed to Bo Builder");
  });
});
