import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { systemActor, type UserActor } from "@/lib/authz/actor";
import { ensureQueues } from "@/lib/jobs/run-worker";
import { decide } from "@/lib/reviews/decide";
import { openOrJoinContinuousItem } from "@/lib/reviews/open-review-item";
import { resolveReviewerFor } from "@/lib/reviews/resolve-reviewer";
import { decideInput } from "@/lib/reviews/schema";
import { createDelegation, createFinding, createIdentity, createReviewWorld, createUser } from "@/prisma/factories";

const as = (u: { id: string; workspaceId: string; role: UserActor["role"]; email: string }): UserActor => ({ type: "USER", workspaceId: u.workspaceId, userId: u.id, role: u.role, label: u.email });

beforeAll(async () => {
  await ensureQueues();
});

type World = Awaited<ReturnType<typeof createReviewWorld>>;

/** Each row builds the identity it describes and names who should review it. */
const table: { name: string; build: (w: World) => Promise<{ ownerId: string | null; teamId: string | null; actorUserId?: string }>; expect: (w: World) => string | null; route: string }[] = [
  { name: "owner", build: async (w) => ({ ownerId: w.owner.id, teamId: w.team.id }), expect: (w) => w.owner.id, route: "OWNER" },
  { name: "orphan (no owner) → team lead", build: async (w) => ({ ownerId: null, teamId: w.team.id }), expect: (w) => w.lead.id, route: "TEAM_LEAD" },
  { name: "orphan without a team → fallback reviewer", build: async () => ({ ownerId: null, teamId: null }), expect: (w) => w.fallback.id, route: "FALLBACK" },
  {
    name: "departed owner counts as none → team lead",
    build: async (w) => ({ ownerId: (await createUser(db, w.ws.id, { name: "Gone Person", status: "DEPARTED" })).id, teamId: w.team.id }),
    expect: (w) => w.lead.id,
    route: "TEAM_LEAD",
  },
  { name: "own change: the owner made it → team lead", build: async (w) => ({ ownerId: w.owner.id, teamId: w.team.id, actorUserId: w.owner.id }), expect: (w) => w.lead.id, route: "TEAM_LEAD" },
  { name: "own change by the owner, no team → fallback", build: async (w) => ({ ownerId: w.owner.id, teamId: null, actorUserId: w.owner.id }), expect: (w) => w.fallback.id, route: "FALLBACK" },
  { name: "own change by the fallback reviewer of an orphan → nobody", build: async (w) => ({ ownerId: null, teamId: null, actorUserId: w.fallback.id }), expect: () => null, route: "NONE" },
];

describe("reviewer resolution: owner → team lead → fallback; departed = none; never the actor of the change", () => {
  it.each(table)("$name", async (row) => {
    const w = await createReviewWorld(db);
    const spec = await row.build(w);
    const identity = await createIdentity(db, w.ws.id, { sourceId: w.source.id, ownerId: spec.ownerId, owningTeamId: spec.teamId, name: `svc-${row.route.toLowerCase()}` });
    const resolved = await resolveReviewerFor(db, w.ws.id, identity.id, spec.actorUserId ? [spec.actorUserId] : []);
    expect(resolved.reviewerId).toBe(row.expect(w));
    expect(resolved.route).toBe(row.route);

    // The same through the path findings take into the continuous campaign (the actor comes from the finding).
    const finding = await createFinding(db, w.ws.id, { identityId: identity.id, kind: "PERMISSION_EXPANSION", severity: "HIGH", sentence: `${identity.name} was granted AdministratorAccess` });
    if (spec.actorUserId) await db.finding.update({ where: { id: finding.id }, data: { actorUserId: spec.actorUserId } });
    const item = await db.$transaction((tx) => openOrJoinContinuousItem(tx, systemActor(w.ws.id, "triggers"), { identityId: identity.id, findingIds: [finding.id], reasons: [{ kind: "PERMISSION_EXPANSION", sentence: finding.sentence }] }));
    expect(item.reviewerId).toBe(row.expect(w));
    if (spec.actorUserId && spec.ownerId === spec.actorUserId) {
      // Even if the owner were assigned, they could not decide their own change.
      await db.reviewItem.update({ where: { id: item.id }, data: { reviewerId: spec.ownerId } });
      await expect(decide(as(w.owner), decideInput.parse({ itemId: item.id, decision: "ATTEST", justification: "I did it and it is fine" }), "WEB")).rejects.toThrow(/made the change/);
    }
  });

  it("delegate: the owner stays the reviewer; the delegate may decide within the dates, not after", async () => {
    const w = await createReviewWorld(db);
    const delegate = await createUser(db, w.ws.id, { name: "Dee Delegate" });
    const resolved = await resolveReviewerFor(db, w.ws.id, w.identity.id);
    expect(resolved.reviewerId).toBe(w.owner.id);
    const expired = await createDelegation(db, w.ws.id, { userId: w.owner.id, delegateId: delegate.id, startsAt: new Date(Date.now() - 10 * 86_400_000), endsAt: new Date(Date.now() - 86_400_000) });
    await expect(decide(as(delegate), decideInput.parse({ itemId: w.item.id, decision: "ATTEST" }), "WEB")).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(expired.id).toMatch(/^dlg_/);
    await createDelegation(db, w.ws.id, { userId: w.owner.id, delegateId: delegate.id });
    const decision = await decide(as(delegate), decideInput.parse({ itemId: w.item.id, decision: "ATTEST" }), "WEB");
    expect(decision.deciderId).toBe(delegate.id);
  });

  it("a second finding on the same identity joins the open continuous item, rerouting it if the reviewer caused it", async () => {
    const w = await createReviewWorld(db);
    const actor = systemActor(w.ws.id, "triggers");
    const f1 = await createFinding(db, w.ws.id, { identityId: w.identity.id, kind: "DORMANT", severity: "LOW", sentence: "unused 100 days" });
    const first = await db.$transaction((tx) => openOrJoinContinuousItem(tx, actor, { identityId: w.identity.id, findingIds: [f1.id], reasons: [{ kind: "DORMANT", sentence: f1.sentence }] }));
    expect(first.reviewerId).toBe(w.owner.id);
    const f2 = await createFinding(db, w.ws.id, { identityId: w.identity.id, kind: "PERMISSION_EXPANSION", severity: "CRITICAL", sentence: "granted admin" });
    await db.finding.update({ where: { id: f2.id }, data: { actorUserId: w.owner.id } });
    const joined = await db.$transaction((tx) => openOrJoinContinuousItem(tx, actor, { identityId: w.identity.id, findingIds: [f2.id], reasons: [{ kind: "PERMISSION_EXPANSION", sentence: f2.sentence }] }));
    expect(joined.id).toBe(first.id);
    expect(joined.reviewerId).toBe(w.lead.id);
    expect(joined.dueAt.getTime()).toBeLessThan(first.dueAt.getTime());
    expect(await db.campaign.count({ where: { workspaceId: w.ws.id, kind: "CONTINUOUS" } })).toBe(1);
  });
});
