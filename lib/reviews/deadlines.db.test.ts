import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { UserActor } from "@/lib/authz/actor";
import { ensureQueues } from "@/lib/jobs/run-worker";
import { redeemOneClickLink } from "@/lib/notify/one-click-link";
import { startTestSmtp } from "@/lib/notify/test-smtp";
import { decide } from "@/lib/reviews/decide";
import { applyDeadlineDefaults, escalateOverdue } from "@/lib/reviews/escalations-job";
import { remindNow, sendDueReminders } from "@/lib/reviews/reminders-job";
import { decideInput } from "@/lib/reviews/schema";
import { createFinding, createReviewWorld } from "@/prisma/factories";

const DAY = 86_400_000;
const as = (u: { id: string; workspaceId: string; role: UserActor["role"]; email: string }): UserActor => ({ type: "USER", workspaceId: u.workspaceId, userId: u.id, role: u.role, label: u.email });

// A real SMTP server in-process: the jobs send over a socket exactly as they would to a relay.
const smtp = await startTestSmtp();
const received = smtp.received;
process.env.AUTH_SECRET = "deadline-test-secret-deadline-test-secret";
process.env.ROLLCALL_BASE_URL = "http://rollcall.test";

beforeAll(async () => {
  await ensureQueues();
});
beforeEach(() => {
  received.length = 0;
});
afterAll(() => smtp.stop());

const linkIn = (raw: string) => raw.match(/http:\/\/rollcall\.test\/r\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/)?.[0];

describe("at the final deadline the campaign default applies as a SYSTEM decision", () => {
  it.each([
    ["KEEP", "ATTEST"],
    ["REVOKE", "REVOKE"],
  ] as const)("default %s → %s decision by SYSTEM", async (def, kind) => {
    const w = await createReviewWorld(db, { defaultOnNoResponse: def, dueAt: new Date(Date.now() + 3 * DAY) });
    await createFinding(db, w.ws.id, { identityId: w.identity.id, kind: "DORMANT", severity: "HIGH", sentence: "unused 200 days", reviewItemId: w.item.id });
    expect(await applyDeadlineDefaults({ now: new Date(), workspaceId: w.ws.id })).toBe(0);
    const deadline = new Date(Date.now() + 3 * DAY + 60_000);
    expect(await applyDeadlineDefaults({ now: deadline, workspaceId: w.ws.id })).toBe(1);
    const decision = await db.decision.findUniqueOrThrow({ where: { itemId: w.item.id } });
    expect(decision).toMatchObject({ kind, channel: "SYSTEM", deciderId: null });
    expect(decision.justification).toMatch(/No answer by the deadline/);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { workspaceId: w.ws.id, action: "review.decided", subjectId: w.item.id } });
    expect(audit).toMatchObject({ actorType: "SYSTEM", actorLabel: "deadline" });
    expect(await db.remediationTask.count({ where: { decisionId: decision.id } })).toBe(kind === "REVOKE" ? 1 : 0);
    expect(await applyDeadlineDefaults({ now: deadline, workspaceId: w.ws.id })).toBe(0);
  });

  it("'leave open and flag' decides nothing: the item is escalated and stays open", async () => {
    const w = await createReviewWorld(db, { defaultOnNoResponse: "ESCALATE_ONLY", dueAt: new Date(Date.now() + DAY) });
    const later = new Date(Date.now() + 2 * DAY);
    expect(await applyDeadlineDefaults({ now: later, workspaceId: w.ws.id })).toBe(0);
    expect(await escalateOverdue({ now: later, workspaceId: w.ws.id })).toBe(1);
    const item = await db.reviewItem.findUniqueOrThrow({ where: { id: w.item.id } });
    expect(item).toMatchObject({ status: "ESCALATED", escalatedToId: w.manager.id });
    expect(await db.decision.count({ where: { itemId: w.item.id } })).toBe(0);
  });
});

describe("escalation", () => {
  it("after the escalation delay the owner's manager is added as reviewer, mailed once, and may decide", async () => {
    const w = await createReviewWorld(db, { dueAt: new Date(Date.now() + 20 * DAY) });
    const now = new Date();
    expect(await escalateOverdue({ now, workspaceId: w.ws.id })).toBe(0);
    const afterDelay = new Date(Date.now() + 7 * DAY + 60_000);
    expect(await escalateOverdue({ now: afterDelay, workspaceId: w.ws.id })).toBe(1);
    expect(await escalateOverdue({ now: afterDelay, workspaceId: w.ws.id })).toBe(0);
    expect(received.map((m) => m.to)).toEqual([[w.manager.email]]);
    expect(received[0]!.text).toContain("Subject: Escalated to you: 1 overdue review");
    expect(received[0]!.text).toContain("ci-deployer");
    const decision = await decide(as(w.manager), decideInput.parse({ itemId: w.item.id, decision: "REVOKE" }), "WEB");
    expect(decision.deciderId).toBe(w.manager.id);
  });
});

describe("reminders", () => {
  it("follow the cadence: one mail per reviewer per cadence point, with a single-use one-click link to the item", async () => {
    const w = await createReviewWorld(db, { dueAt: new Date(Date.now() + 2 * DAY) });
    await db.campaign.update({ where: { id: w.campaign.id }, data: { reminderCadence: [-3, 0, 1] } });
    await db.reviewItem.update({ where: { id: w.item.id }, data: { createdAt: new Date(Date.now() - 5 * DAY) } });
    expect(await sendDueReminders({ workspaceId: w.ws.id })).toBe(1);
    expect(await sendDueReminders({ workspaceId: w.ws.id })).toBe(0);
    expect(received).toHaveLength(1);
    expect(received[0]!.to).toEqual([w.owner.email]);
    expect(received[0]!.text).toContain("Subject: Reminder: 1 review waiting");
    const item = await db.reviewItem.findUniqueOrThrow({ where: { id: w.item.id } });
    expect(item.reminderCount).toBe(1);

    const link = linkIn(received[0]!.text);
    expect(link).toBeDefined();
    const token = link!.split("/r/")[1]!;
    const stored = await db.oneClickLink.findFirstOrThrow({ where: { itemId: w.item.id } });
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(await redeemOneClickLink(token, as(w.lead))).toEqual({ ok: false, reason: "invalid" });
    expect(await redeemOneClickLink(token, as(w.owner))).toMatchObject({ ok: true, itemId: w.item.id });
    expect(await redeemOneClickLink(token, as(w.owner))).toEqual({ ok: false, reason: "used" });
    expect(await redeemOneClickLink(`${token.slice(0, -2)}xx`, as(w.owner))).toEqual({ ok: false, reason: "invalid" });

    // On the due date the next cadence point sends the next reminder.
    expect(await sendDueReminders({ workspaceId: w.ws.id, now: new Date(Date.now() + 2 * DAY + 60_000) })).toBe(1);
    expect(received).toHaveLength(2);
  });

  it("links expire", async () => {
    const w = await createReviewWorld(db);
    expect(await remindNow([w.item.id])).toBe(1);
    const token = linkIn(received[0]!.text)!.split("/r/")[1]!;
    expect(await redeemOneClickLink(token, as(w.owner), new Date(Date.now() + 73 * 3_600_000))).toEqual({ ok: false, reason: "expired" });
  });

  it("'remind now' sends at once whatever the cadence, and a double click sends one mail", async () => {
    const w = await createReviewWorld(db);
    expect(await remindNow([w.item.id])).toBe(1);
    expect(await remindNow([w.item.id])).toBe(0);
    expect(received).toHaveLength(1);
    expect(received[0]!.text).toContain("ci-deployer");
    const audit = await db.auditEvent.findFirstOrThrow({ where: { workspaceId: w.ws.id, action: "review.reminded" } });
    expect(audit.data).toMatchObject({ items: 1, why: "remind-now" });
  });
});
