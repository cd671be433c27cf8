import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { UserActor } from "@/lib/authz/actor";
import { ensureQueues } from "@/lib/jobs/run-worker";
import { decide } from "@/lib/reviews/decide";
import { reopenExpiredExceptions } from "@/lib/reviews/exceptions-job";
import { decideInput } from "@/lib/reviews/schema";
import { createReviewWorld } from "@/prisma/factories";

const DAY = 86_400_000;
const as = (u: { id: string; workspaceId: string; role: UserActor["role"]; email: string }): UserActor => ({ type: "USER", workspaceId: u.workspaceId, userId: u.id, role: u.role, label: u.email });

beforeAll(async () => {
  await ensureQueues();
});

describe("exceptions", () => {
  it("re-open as a new review item at their expiry, once, in the continuous campaign", async () => {
    const w = await createReviewWorld(db);
    const until = new Date(Date.now() + 30 * DAY);
    const decision = await decide(as(w.owner), decideInput.parse({ itemId: w.item.id, decision: "EXCEPTION", justification: "Needed until the Q2 migration", exceptionUntil: until }), "WEB");
    expect(decision.exceptionUntil?.getTime()).toBe(until.getTime());

    expect(await reopenExpiredExceptions({ now: new Date(until.getTime() - 60_000), workspaceId: w.ws.id })).toBe(0);
    expect(await db.reviewItem.count({ where: { workspaceId: w.ws.id, identityId: w.identity.id, status: "PENDING" } })).toBe(0);

    const after = new Date(until.getTime() + 60_000);
    expect(await reopenExpiredExceptions({ now: after, workspaceId: w.ws.id })).toBe(1);
    const reopened = await db.reviewItem.findFirstOrThrow({ where: { workspaceId: w.ws.id, identityId: w.identity.id, status: "PENDING" }, include: { campaign: true, findings: true } });
    expect(reopened.id).not.toBe(w.item.id);
    expect(reopened.campaign.kind).toBe("CONTINUOUS");
    expect(reopened.reviewerId).toBe(w.owner.id);
    expect(reopened.findings).toHaveLength(1);
    expect(reopened.findings[0]).toMatchObject({ kind: "EXCEPTION_EXPIRED", status: "IN_REVIEW" });
    expect(reopened.findings[0]!.sentence).toContain("Needed until the Q2 migration");
    expect((reopened.reasons as { kind: string }[])[0]!.kind).toBe("EXCEPTION_EXPIRED");

    // Running again (or twice at once) does not open a second one.
    const again = await Promise.all([reopenExpiredExceptions({ now: after, workspaceId: w.ws.id }), reopenExpiredExceptions({ now: after, workspaceId: w.ws.id })]);
    expect(again).toEqual([0, 0]);
    expect(await db.reviewItem.count({ where: { workspaceId: w.ws.id, identityId: w.identity.id, status: "PENDING" } })).toBe(1);
    // The original item and its decision are untouched.
    expect((await db.reviewItem.findUniqueOrThrow({ where: { id: w.item.id } })).status).toBe("DECIDED");
  });
});
