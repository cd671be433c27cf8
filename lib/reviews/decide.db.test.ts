import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { UserActor } from "@/lib/authz/actor";
import { ensureQueues } from "@/lib/jobs/run-worker";
import { decide } from "@/lib/reviews/decide";
import { bulkAttest } from "@/lib/reviews/bulk-attest";
import { decideInput } from "@/lib/reviews/schema";
import { createFinding, createIdentity, createReviewItem, createReviewWorld } from "@/prisma/factories";

const DAY = 86_400_000;
const as = (u: { id: string; workspaceId: string; role: UserActor["role"]; email: string }): UserActor => ({ type: "USER", workspaceId: u.workspaceId, userId: u.id, role: u.role, label: u.email });

beforeAll(async () => {
  await ensureQueues();
});

describe("decide()", () => {
  it("two concurrent decisions on one item: one Decision, one audit event, one ALREADY_DECIDED", async () => {
    const w = await createReviewWorld(db);
    const owner = as(w.owner);
    const results = await Promise.allSettled([
      decide(owner, decideInput.parse({ itemId: w.item.id, decision: "ATTEST" }), "WEB"),
      decide(owner, decideInput.parse({ itemId: w.item.id, decision: "REVOKE" }), "SLACK"),
    ]);
    const fulfilled = results.filter((r) => r.status === "fulfilled");
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.reason).toMatchObject({ code: "ALREADY_DECIDED" });
    expect(await db.decision.count({ where: { itemId: w.item.id } })).toBe(1);
    expect(await db.auditEvent.count({ where: { workspaceId: w.ws.id, action: "review.decided", subjectId: w.item.id } })).toBe(1);
    expect((await db.reviewItem.findUniqueOrThrow({ where: { id: w.item.id } })).status).toBe("DECIDED");
    // A later retry (a Slack redelivery) is refused the same way and writes nothing.
    await expect(decide(owner, decideInput.parse({ itemId: w.item.id, decision: "ATTEST" }), "SLACK")).rejects.toMatchObject({ code: "ALREADY_DECIDED" });
    expect(await db.decision.count({ where: { itemId: w.item.id } })).toBe(1);
  });

  it("records timing: seconds since opened, since the reviewer's previous decision, and batch size", async () => {
    const w = await createReviewWorld(db);
    const second = await createIdentity(db, w.ws.id, { sourceId: w.source.id, ownerId: w.owner.id });
    const item2 = await createReviewItem(db, w.ws.id, { campaignId: w.campaign.id, identityId: second.id, reviewerId: w.owner.id });
    await db.reviewItem.update({ where: { id: w.item.id }, data: { firstViewedAt: new Date(Date.now() - 42_000) } });
    const first = await decide(as(w.owner), decideInput.parse({ itemId: w.item.id, decision: "ATTEST" }), "WEB");
    expect(first.secondsToDecide).toBeGreaterThanOrEqual(41);
    expect(first.secondsToDecide).toBeLessThan(60);
    expect(first.secondsSincePrevious).toBeNull();
    expect(first.batchSize).toBe(1);
    const next = await decide(as(w.owner), decideInput.parse({ itemId: item2.id, decision: "ATTEST" }), "WEB", { now: new Date(first.decidedAt.getTime() + 7_000) });
    expect(next.secondsSincePrevious).toBe(7);
  });

  it("REVOKE opens a remediation task in the same transaction; REDUCE names the entitlements", async () => {
    const w = await createReviewWorld(db);
    const snapshot = w.item.snapshot as { entitlements: { id: string; name: string }[] };
    const s3 = snapshot.entitlements.find((e) => e.name === "s3-read")!;
    const reduced = await decide(as(w.owner), decideInput.parse({ itemId: w.item.id, decision: "REDUCE", removeEntitlementIds: [s3.id] }), "WEB");
    expect(reduced.removeEntitlementIds).toEqual([s3.id]);
    const task = await db.remediationTask.findFirstOrThrow({ where: { decisionId: reduced.id } });
    expect(task).toMatchObject({ action: "REDUCE", executor: "MANUAL", status: "OPEN", assigneeId: w.owner.id, identityId: w.identity.id });
    expect((task.detail as { entitlements: { name: string }[] }).entitlements.map((e) => e.name)).toEqual(["s3-read"]);
    expect(task.dueAt.getTime() - reduced.decidedAt.getTime()).toBe(7 * DAY);
  });

  it("refuses REDUCE of entitlements not on the item, and an exception beyond the policy maximum", async () => {
    const w = await createReviewWorld(db);
    await expect(decide(as(w.owner), decideInput.parse({ itemId: w.item.id, decision: "REDUCE", removeEntitlementIds: ["ent_00000000000000000000000000000000"] }), "WEB")).rejects.toMatchObject({ code: "INVALID" });
    const tooLong = decideInput.parse({ itemId: w.item.id, decision: "EXCEPTION", justification: "Needed for the migration", exceptionUntil: new Date(Date.now() + 120 * DAY) });
    await expect(decide(as(w.owner), tooLong, "WEB")).rejects.toThrow(/at most 90 days/);
    const ok = await decide(as(w.owner), decideInput.parse({ itemId: w.item.id, decision: "EXCEPTION", justification: "Needed for the migration", exceptionUntil: new Date(Date.now() + 30 * DAY) }), "WEB");
    expect(ok.kind).toBe("EXCEPTION");
    expect(await db.remediationTask.count({ where: { decisionId: ok.id } })).toBe(0);
  });

  it("keeping an item with a high-severity finding needs a justification", async () => {
    const w = await createReviewWorld(db);
    await createFinding(db, w.ws.id, { identityId: w.identity.id, kind: "TOKEN_SPIKE", severity: "HIGH", sentence: "ci-deployer requested 412 tokens today", reviewItemId: w.item.id });
    await expect(decide(as(w.owner), decideInput.parse({ itemId: w.item.id, decision: "ATTEST" }), "WEB")).rejects.toThrow(/say why/);
    const kept = await decide(as(w.owner), decideInput.parse({ itemId: w.item.id, decision: "ATTEST", justification: "Release day, expected" }), "WEB");
    expect(kept.justification).toBe("Release day, expected");
    expect((await db.finding.findFirstOrThrow({ where: { reviewItemId: w.item.id } })).status).toBe("RESOLVED");
  });

  it("REASSIGN moves the item to the named owner and records the ownership change", async () => {
    const w = await createReviewWorld(db);
    await createFinding(db, w.ws.id, { identityId: w.identity.id, kind: "DORMANT", severity: "MEDIUM", sentence: "unused", reviewItemId: w.item.id });
    const decision = await decide(as(w.owner), decideInput.parse({ itemId: w.item.id, decision: "REASSIGN", newOwnerEmail: w.lead.email, justification: "Lena's team runs the deploys" }), "WEB");
    expect(decision.newOwnerId).toBe(w.lead.id);
    const identity = await db.identity.findUniqueOrThrow({ where: { id: w.identity.id } });
    expect(identity.ownerId).toBe(w.lead.id);
    const moved = await db.reviewItem.findFirstOrThrow({ where: { campaignId: w.campaign.id, identityId: w.identity.id, status: "PENDING" } });
    expect(moved.id).not.toBe(w.item.id);
    expect(moved.reviewerId).toBe(w.lead.id);
    expect(await db.finding.count({ where: { reviewItemId: moved.id } })).toBe(1);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { workspaceId: w.ws.id, action: "identity.owner-changed", subjectId: w.identity.id } });
    expect(audit.data).toMatchObject({ from: w.owner.id, to: w.lead.id, via: "review.reassign", itemId: w.item.id });
    await expect(decide(as(w.lead), decideInput.parse({ itemId: moved.id, decision: "REASSIGN", newOwnerEmail: "nobody@example.test", justification: "not ours either" }), "WEB")).rejects.toMatchObject({ code: "INVALID" });
  });

  it("only the assigned reviewer decides: another member, an auditor and an API key are refused; nothing is written", async () => {
    const w = await createReviewWorld(db);
    const input = decideInput.parse({ itemId: w.item.id, decision: "ATTEST" });
    await expect(decide(as(w.lead), input, "WEB")).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(decide(as(w.auditor), input, "WEB")).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(decide(as(w.fallback), input, "WEB")).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(decide({ type: "API_KEY", workspaceId: w.ws.id, apiKeyId: "key_x", scopes: ["reviews:decide"], label: "ci" }, input, "API")).rejects.toMatchObject({ code: "FORBIDDEN" });
    const other = await createReviewWorld(db);
    await expect(decide(as(other.owner), input, "WEB")).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db.decision.count({ where: { itemId: w.item.id } })).toBe(0);
  });

  it("a closed campaign is read-only", async () => {
    const w = await createReviewWorld(db);
    await db.campaign.update({ where: { id: w.campaign.id }, data: { status: "CLOSED" } });
    await expect(decide(as(w.owner), decideInput.parse({ itemId: w.item.id, decision: "ATTEST" }), "WEB")).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("bulk keep decides only items without findings, one batch, and names the skipped ones", async () => {
    const w = await createReviewWorld(db);
    const clean = await createIdentity(db, w.ws.id, { sourceId: w.source.id, ownerId: w.owner.id, name: "clean-bot" });
    const cleanItem = await createReviewItem(db, w.ws.id, { campaignId: w.campaign.id, identityId: clean.id, reviewerId: w.owner.id });
    await createFinding(db, w.ws.id, { identityId: w.identity.id, kind: "DORMANT", severity: "LOW", sentence: "unused", reviewItemId: w.item.id });
    const result = await bulkAttest(as(w.owner), { itemIds: [w.item.id, cleanItem.id] }, "WEB");
    expect(result.kept).toEqual([cleanItem.id]);
    expect(result.skipped).toEqual([{ itemId: w.item.id, name: "ci-deployer", reason: "has findings: decide it on its own" }]);
    const decision = await db.decision.findUniqueOrThrow({ where: { itemId: cleanItem.id } });
    expect(decision).toMatchObject({ kind: "ATTEST", batchSize: 1 });
    expect(decision.batchId).not.toBeNull();
    expect((await db.reviewItem.findUniqueOrThrow({ where: { id: w.item.id } })).status).toBe("PENDING");
  });
});
