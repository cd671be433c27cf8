// `npm run bench -- campaign [--quick]`: on an inventory of 1M identities (1 credential, 3 entitlements
// each), launches a campaign whose scope selects 250,000 of them (population census + the bulk freeze job
// with snapshots, as in production), then times the owner inbox of a reviewer with 1,000 pending items.
// --quick: 40,000 identities (10 owners); --identities=N for another size.
import { benchDatabase } from "./bench-database";

const quick = process.argv.includes("--quick");
const sized = Number(process.argv.find((a) => a.startsWith("--identities="))?.split("=")[1]);
const identities = sized > 0 ? sized : quick ? 40_000 : 1_000_000;
const owners = Math.max(1, Math.round(identities / 4_000)); // per source: 1/4 of the inventory over the owners → ~1,000 items each
const inboxRuns = 60;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

console.log(`Campaign benchmark: ${identities.toLocaleString("en-US")} identities, ${(identities / 4).toLocaleString("en-US")} in scope${quick ? " (--quick)" : ""}`);
const database = await benchDatabase(identities < 1_000_000 ? "rollcall_bench_campaign_quick" : "rollcall_bench_campaign");
process.env.DATABASE_URL = database.url;
process.env.AUTH_SECRET ??= "bench-secret-bench-secret-bench-secret";
const { db, disconnectDb } = await import("../../lib/db");
const { Prisma } = await import("../../prisma/generated/client");
const { createWorkspace, createUser, createTeam, createSource } = await import("../../prisma/factories");
const { ensureQueues } = await import("../../lib/jobs/run-worker");
const { stopBoss } = await import("../../lib/jobs/boss");
const { createCampaign } = await import("../../lib/campaigns/create-campaign");
const { launchCampaign } = await import("../../lib/campaigns/launch-campaign");
const { freezePopulation } = await import("../../lib/campaigns/launch-campaign-job");
const { createCampaignInput } = await import("../../lib/campaigns/schema");
const { listInbox } = await import("../../lib/reviews/queries");
const { getItemPage } = await import("../../lib/reviews/item-queries");
const { decide } = await import("../../lib/reviews/decide");
const { inboxFilter } = await import("../../lib/reviews/schema");

try {
  await ensureQueues();
  const ws = await createWorkspace(db, { name: "Bench" });
  const cm = await createUser(db, ws.id, { role: "COMPLIANCE_MANAGER", name: "Bench Manager", email: "cm@bench.test" });
  await db.workspace.update({ where: { id: ws.id }, data: { fallbackReviewerId: cm.id } });
  for (let i = 0; i < owners; i++) await createUser(db, ws.id, { name: `Owner ${i}`, email: `owner-${String(i).padStart(3, "0")}@bench.test` });
  const team = await createTeam(db, ws.id, { name: "Platform", leadId: cm.id });
  const sources = [];
  for (let s = 0; s < 4; s++) sources.push(await createSource(db, ws.id, { name: `aws-${s}`, kind: "AWS" }));

  // The inventory, generated in SQL (this benchmark is about the campaign, not the import path).
  let t = performance.now();
  const ownerIds = (await db.user.findMany({ where: { workspaceId: ws.id, role: "MEMBER" }, orderBy: { email: "asc" }, select: { id: true } })).map((u) => u.id);
  const chunk = 200_000;
  for (let from = 0; from < identities; from += chunk) {
    await db.$executeRaw(Prisma.sql`
      INSERT INTO "Identity" ("workspaceId", "sourceId", kind, "externalId", name, environment, "ownerId", "owningTeamId", privileged, "blastRadius", "lastUsedAt", tags)
      SELECT ${ws.id}, (${sources.map((s) => s.id)}::text[])[1 + g % 4],
        (ARRAY['SERVICE_ACCOUNT','API_KEY','OAUTH_APP','TOKEN','CERTIFICATE','DEPLOY_KEY','WORKLOAD','AI_AGENT','BOT'])[1 + g % 9]::"IdentityKind",
        'bench:' || g, 'svc-' || lpad(g::text, 7, '0'), (ARRAY['prod','staging','dev'])[1 + g % 3],
        CASE WHEN g % 49 = 1 THEN NULL ELSE (${ownerIds}::text[])[1 + (g / 4) % ${owners}::int] END, ${team.id}, g % 20 = 0, 10 + g % 80,
        now() - make_interval(days => g % 200), jsonb_build_object('team', 'team-' || (g % 20))
      FROM generate_series(${from}::int, ${Math.min(identities, from + chunk) - 1}::int) g`);
  }
  await db.$executeRaw`INSERT INTO "Credential" ("workspaceId", "identityId", "externalId", kind, "createdAt", "lastRotatedAt", "lastUsedAt")
    SELECT i."workspaceId", i.id, i."externalId" || '#key-1', 'ACCESS_KEY', now() - interval '300 days', now() - interval '100 days', i."lastUsedAt" FROM "Identity" i WHERE i."workspaceId" = ${ws.id} ORDER BY i.name`;
  await db.$executeRaw`INSERT INTO "Entitlement" ("workspaceId", "identityId", name, resource, privileged, "grantedAt")
    SELECT i."workspaceId", i.id, (ARRAY['s3:read','sqs:write','logs:read'])[n], 'res-' || n, i.privileged AND n = 1, now() - interval '300 days'
    FROM "Identity" i CROSS JOIN generate_series(1, 3) n WHERE i."workspaceId" = ${ws.id} ORDER BY i.name, n`; // one identity's rows together, as an import writes them
  await db.$executeRaw`ANALYZE`;
  console.log(`inventory: ${identities.toLocaleString("en-US")} identities, ${identities.toLocaleString("en-US")} credentials, ${(identities * 3).toLocaleString("en-US")} entitlements in ${seconds(performance.now() - t)} (not the measured part)`);

  // 1. Launch: census + claim (the request), then the freeze job (INSERT … SELECT in chunks with snapshots).
  const actor = { type: "USER" as const, workspaceId: ws.id, userId: cm.id, role: "COMPLIANCE_MANAGER" as const, label: cm.email };
  const draft = await createCampaign(actor, createCampaignInput.parse({
    name: "Bench quarter", scope: { sourceIds: [sources[0]!.id] }, dueAt: new Date(Date.now() + 14 * 86_400_000), escalationAfterDays: 7, defaultOnNoResponse: "ESCALATE_ONLY",
  }));
  t = performance.now();
  const launched = await launchCampaign(actor, { campaignId: draft.id, acknowledgeStaleSources: false });
  const launchMs = performance.now() - t;
  t = performance.now();
  const frozen = await freezePopulation(draft.id);
  const freezeMs = performance.now() - t;
  console.log(`launch request (census of ${launched.total.toLocaleString("en-US")} + population record + claim): ${seconds(launchMs)}`);
  console.log(`freeze job: ${frozen.toLocaleString("en-US")} review items with snapshots in ${seconds(freezeMs)} (${Math.round(frozen / (freezeMs / 1000)).toLocaleString("en-US")} items/s)`);
  console.log(`launch total: ${seconds(launchMs + freezeMs)} (goal ≤ 30 s)`);

  // 2. The owner inbox with 1,000 pending items: page 1 (100 rows), unfiltered and filtered.
  const owner = await db.user.findFirstOrThrow({ where: { workspaceId: ws.id, email: "owner-000@bench.test" } });
  const pending = await db.reviewItem.count({ where: { campaignId: draft.id, reviewerId: owner.id, status: "PENDING" } });
  const filter = inboxFilter.parse({});
  const times: number[] = [];
  for (let i = 0; i < inboxRuns; i++) {
    const s = performance.now();
    await listInbox(ws.id, owner.id, i % 3 === 2 ? inboxFilter.parse({ kind: "API_KEY" }) : filter, 1 + (i % 2));
    times.push(performance.now() - s);
  }
  console.log(`owner inbox (${pending.toLocaleString("en-US")} pending; page of 100; ${inboxRuns} runs): p50 ${pct(times, 50).toFixed(0)} ms, p95 ${pct(times, 95).toFixed(0)} ms (goal p95 ≤ 300 ms)`);

  // 3. The item page and one decision at this size.
  const ownerActor = { type: "USER" as const, workspaceId: ws.id, userId: owner.id, role: "MEMBER" as const, label: owner.email };
  const first = (await listInbox(ws.id, owner.id, filter, 1)).items[0]!;
  const pageTimes: number[] = [];
  for (let i = 0; i < 20; i++) {
    const s = performance.now();
    await getItemPage(ownerActor, first.id);
    pageTimes.push(performance.now() - s);
  }
  const d = performance.now();
  await decide(ownerActor, { itemId: first.id, decision: "ATTEST" }, "WEB");
  console.log(`item page: p95 ${pct(pageTimes, 95).toFixed(0)} ms; one decide(): ${(performance.now() - d).toFixed(0)} ms`);
} finally {
  await stopBoss();
  await disconnectDb();
  // --keep leaves the database for EXPLAIN (only meaningful with DATABASE_URL pointing at a server).
  if (!process.argv.includes("--keep")) await database.stop();
}
