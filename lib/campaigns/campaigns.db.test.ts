import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { UserActor } from "@/lib/authz/actor";
import { ensureQueues } from "@/lib/jobs/run-worker";
import { LockBusyError } from "@/lib/jobs/session-lock";
import { closeCampaign } from "@/lib/campaigns/close-campaign";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { populationCensus } from "@/lib/campaigns/census";
import { getOrCreateContinuousCampaign } from "@/lib/campaigns/get-or-create-continuous-campaign";
import { freezePopulation } from "@/lib/campaigns/launch-campaign-job";
import { launchCampaign } from "@/lib/campaigns/launch-campaign";
import { campaignScope, closeCampaignInput, createCampaignInput } from "@/lib/campaigns/schema";
import { decide } from "@/lib/reviews/decide";
import { takeSnapshot } from "@/lib/reviews/open-review-item";
import { decideInput } from "@/lib/reviews/schema";
import { createIdentity, createReviewWorld, createSource, createUser } from "@/prisma/factories";

const DAY = 86_400_000;
const as = (u: { id: string; workspaceId: string; role: UserActor["role"]; email: string }): UserActor => ({ type: "USER", workspaceId: u.workspaceId, userId: u.id, role: u.role, label: u.email });

beforeAll(async () => {
  await ensureQueues();
});

async function world() {
  const w = await createReviewWorld(db);
  const departed = await createUser(db, w.ws.id, { status: "DEPARTED" });
  const k8s = await createSource(db, w.ws.id, { name: "k8s-prod", kind: "KUBERNETES" });
  await db.source.update({ where: { id: k8s.id }, data: { lastSyncedAt: new Date(Date.now() - 30 * DAY) } });
  for (let i = 0; i < 12; i++) {
    await createIdentity(db, w.ws.id, {
      sourceId: i % 2 ? w.source.id : k8s.id, name: `svc-${String(i).padStart(2, "0")}`, kind: i % 3 === 0 ? "API_KEY" : "SERVICE_ACCOUNT", environment: i % 4 === 0 ? "prod" : "dev",
      ownerId: i === 5 ? departed.id : i === 7 ? null : w.owner.id, owningTeamId: i === 7 ? null : w.team.id, privileged: i % 5 === 0, lastUsedAt: i === 3 ? new Date(Date.now() - 200 * DAY) : new Date(),
      credentials: [{ kind: "ACCESS_KEY" }], entitlements: [{ name: `role-${i}`, privileged: i % 5 === 0 }],
    });
  }
  await db.identity.update({ where: { sourceId_externalId: { sourceId: k8s.id, externalId: "ext:svc-00" } }, data: { status: "REMOVED" } });
  const cm = as(w.fallback);
  return { ...w, k8s, departed, cm };
}

const newCampaign = (scope: object, extra: object = {}) =>
  createCampaignInput.parse({ name: "Q2 machine identity review", scope, dueAt: new Date(Date.now() + 14 * DAY), escalationAfterDays: 5, defaultOnNoResponse: "ESCALATE_ONLY", ...extra });

describe("campaigns", () => {
  it("counts the scope live, per source, and warns about stale sources", async () => {
    const w = await world();
    const all = await populationCensus(w.ws.id, campaignScope.parse({}));
    expect(all.total).toBe(12); // ci-deployer + 12, one removed
    expect((await populationCensus(w.ws.id, campaignScope.parse({ kinds: ["API_KEY"] }))).total).toBe(3); // svc-03, 06, 09 (00 is removed)
    expect((await populationCensus(w.ws.id, campaignScope.parse({ environments: ["prod"] }))).total).toBe(2); // svc-04, 08
    expect((await populationCensus(w.ws.id, campaignScope.parse({ privileged: "only" }))).total).toBe(2); // svc-05, 10
    expect((await populationCensus(w.ws.id, campaignScope.parse({ ownerIds: [w.owner.id], privileged: "exclude" }))).total).toBe(9); // ci-deployer + 1,2,3,4,6,8,9,11
    const orphans = await populationCensus(w.ws.id, campaignScope.parse({ orphans: true }));
    expect(orphans.total).toBe(2); // departed owner + no owner
    expect(all.stale.map((s) => s.name)).toEqual(["k8s-prod"]);
    expect(all.stale[0]!.warning).toMatch(/k8s-prod was last synced 30 days ago/);
    expect(all.sources.find((s) => s.name === "aws-prod")).toMatchObject({ count: 7 });
  });

  it("launch freezes the population in bulk with snapshots and a population record; once only; auditors refused", async () => {
    const w = await world();
    const draft = await createCampaign(w.cm, newCampaign({}));
    expect(draft.status).toBe("DRAFT");
    await expect(launchCampaign(as(w.auditor), { campaignId: draft.id, acknowledgeStaleSources: true })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(launchCampaign(w.cm, { campaignId: draft.id, acknowledgeStaleSources: false })).rejects.toThrow(/Stale sources: k8s-prod/);
    const launched = await launchCampaign(w.cm, { campaignId: draft.id, acknowledgeStaleSources: true });
    expect(launched.total).toBe(12);
    await expect(launchCampaign(w.cm, { campaignId: draft.id, acknowledgeStaleSources: true })).rejects.toMatchObject({ code: "CONFLICT" });

    expect(await freezePopulation(draft.id, 5)).toBe(12);
    const campaign = await db.campaign.findUniqueOrThrow({ where: { id: draft.id } });
    expect(campaign).toMatchObject({ status: "ACTIVE", launchTotal: 12, launchDone: 12 });
    const population = campaign.population as { total: number; frozen: number; acknowledgedStale: boolean; sources: { name: string; count: number }[]; query: { sql: string } };
    expect(population).toMatchObject({ total: 12, frozen: 12, acknowledgedStale: true });
    expect(population.query.sql).toContain(`i."workspaceId" = $1`);
    // Re-running the job (a retry) adds nothing.
    expect(await freezePopulation(draft.id, 5)).toBe(12);
    expect(await db.reviewItem.count({ where: { campaignId: draft.id } })).toBe(12);

    const items = await db.reviewItem.findMany({ where: { campaignId: draft.id }, include: { identity: true } });
    const byName = new Map(items.map((i) => [i.identity.name, i]));
    expect(byName.get("svc-01")!.reviewerId).toBe(w.owner.id);
    expect(byName.get("svc-05")!.reviewerId).toBe(w.lead.id); // departed owner → team lead
    expect(byName.get("svc-07")!.reviewerId).toBe(w.fallback.id); // no owner, no team → fallback
    expect(byName.get("svc-03")!).toMatchObject({ recommendation: "REVOKE", recommendationReason: "unused 200 days → revoke" });
    expect(items.every((i) => i.dueAt.getTime() === campaign.dueAt!.getTime() && i.status === "PENDING")).toBe(true);

    // The bulk SQL snapshot reads exactly like one taken row by row.
    const sample = byName.get("ci-deployer")!;
    const single = await db.$transaction((tx) => takeSnapshot(tx, w.ws.id, sample.identityId));
    expect({ ...(sample.snapshot as object), takenAt: "x" }).toEqual({ ...single, takenAt: "x" });
  });

  it("two workers freezing one campaign at once never freeze an identity twice", async () => {
    const w = await world();
    const draft = await createCampaign(w.cm, newCampaign({}));
    await launchCampaign(w.cm, { campaignId: draft.id, acknowledgeStaleSources: true });
    // A worker that still holds the launch (slow, not dead): a second one stands down and changes nothing.
    const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await other.connect();
    await other.query("SELECT pg_advisory_lock(hashtextextended($1, 0))", [`campaign-launch:${draft.id}`]);
    const holderPid = (await other.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
    await expect(freezePopulation(draft.id, 5)).rejects.toBeInstanceOf(LockBusyError);
    expect(await db.reviewItem.count({ where: { campaignId: draft.id } })).toBe(0);
    // The holder's session ends (as when its process dies): the lock goes with it.
    await other.end();
    // Its backend exits a moment after the client hangs up; wait for it to be gone (and the lock with it).
    for (let i = 0; ; i++) {
      const [{ alive }] = await db.$queryRaw<[{ alive: number }]>`SELECT count(*)::int AS alive FROM pg_stat_activity WHERE pid = ${holderPid}`;
      if (alive === 0) break;
      if (i > 200) throw new Error("the lock holder's backend did not exit");
      await new Promise((r) => setTimeout(r, 50));
    }
    const settled = await Promise.allSettled([freezePopulation(draft.id, 5), freezePopulation(draft.id, 5), freezePopulation(draft.id, 5)]);
    for (const s of settled) if (s.status === "rejected") expect(s.reason).toBeInstanceOf(LockBusyError);
    expect(settled.some((s) => s.status === "fulfilled" && s.value === 12)).toBe(true);
    const [{ items, identities }] = await db.$queryRaw<[{ items: number; identities: number }]>`
      SELECT count(*)::int AS items, count(DISTINCT "identityId")::int AS identities FROM "ReviewItem" WHERE "campaignId" = ${draft.id}`;
    expect({ items, identities }).toEqual({ items: 12, identities: 12 });
  });

  it("close signs off once with statement, who and when; open items expire; closed is read-only; recurrence drafts the next", async () => {
    const w = await world();
    const draft = await createCampaign(w.cm, newCampaign({ sourceIds: [w.source.id] }, { recurrence: "QUARTERLY" }));
    await launchCampaign(w.cm, { campaignId: draft.id, acknowledgeStaleSources: false });
    await freezePopulation(draft.id);
    const mine = await db.reviewItem.findFirstOrThrow({ where: { campaignId: draft.id, reviewerId: w.owner.id } });
    await decide(as(w.owner), decideInput.parse({ itemId: mine.id, decision: "ATTEST" }), "WEB");
    expect(closeCampaignInput.safeParse({ campaignId: draft.id, statement: "short" }).error?.issues[0]?.path).toEqual(["statement"]);
    const closed = await closeCampaign(w.cm, { campaignId: draft.id, statement: "Reviewed by owners; unanswered items carried to next quarter." });
    expect(closed.unanswered).toBe(6);
    const row = await db.campaign.findUniqueOrThrow({ where: { id: draft.id } });
    expect(row).toMatchObject({ status: "CLOSED", signedOffById: w.fallback.id, signOffStatement: "Reviewed by owners; unanswered items carried to next quarter." });
    expect(row.signedOffAt).not.toBeNull();
    expect(await db.reviewItem.count({ where: { campaignId: draft.id, status: "EXPIRED" } })).toBe(6);
    const open = await db.reviewItem.findFirstOrThrow({ where: { campaignId: draft.id, status: "EXPIRED", reviewerId: w.owner.id } });
    await expect(decide(as(w.owner), decideInput.parse({ itemId: open.id, decision: "ATTEST" }), "WEB")).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(closeCampaign(w.cm, { campaignId: draft.id, statement: "Reviewed by owners; signing again here." })).rejects.toMatchObject({ code: "CONFLICT" });
    const next = await db.campaign.findUniqueOrThrow({ where: { id: closed.nextCampaignId! } });
    expect(next).toMatchObject({ status: "DRAFT", recurrence: "QUARTERLY" });
    expect(next.dueAt!.getUTCMonth()).toBe((row.dueAt!.getUTCMonth() + 3) % 12);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { workspaceId: w.ws.id, action: "campaign.closed" } });
    expect(audit.data).toMatchObject({ decisions: { ATTEST: 1 }, unanswered: 6 });
  });

  it("the continuous campaign is created once per workspace, even by concurrent callers", async () => {
    const w = await createReviewWorld(db);
    const [a, b, c] = await Promise.all([getOrCreateContinuousCampaign(w.ws.id), getOrCreateContinuousCampaign(w.ws.id), getOrCreateContinuousCampaign(w.ws.id)]);
    expect(new Set([a.id, b.id, c.id]).size).toBe(1);
    expect(a).toMatchObject({ kind: "CONTINUOUS", status: "ACTIVE" });
    expect(await db.campaign.count({ where: { workspaceId: w.ws.id, kind: "CONTINUOUS" } })).toBe(1);
  });
});
