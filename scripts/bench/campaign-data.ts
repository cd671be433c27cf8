// The data of the campaign and inbox benchmarks: an inventory of N identities (1 credential and 3
// entitlements each, generated in SQL — these benchmarks are about campaigns, not the import path) over
// 4 sources, and a campaign scoped to the first source (N/4 items). Owner "owner-000@bench.test" owns
// exactly min(1,000, N/4 / owners) identities of that source, so its inbox holds ~1,000 pending items.
// Import this module only after DATABASE_URL is set (lib/db reads it on first use).
import { db } from "../../lib/db";
import { Prisma } from "../../prisma/generated/client";
import { createWorkspace, createUser, createTeam, createSource } from "../../prisma/factories";
import { createCampaign } from "../../lib/campaigns/create-campaign";
import { launchCampaign } from "../../lib/campaigns/launch-campaign";
import { freezePopulation } from "../../lib/campaigns/launch-campaign-job";
import { createCampaignInput } from "../../lib/campaigns/schema";
import type { UserActor } from "../../lib/authz/actor";

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
export const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;

/** `--identities=N` or the default: 1,000,000, or 10,000 with --quick. */
export function identityCount(): number {
  const sized = Number(process.argv.find((a) => a.startsWith("--identities="))?.split("=")[1]);
  return sized > 0 ? sized : process.argv.includes("--quick") ? 10_000 : 1_000_000;
}

export async function seedInventory(identities: number) {
  const owners = Math.max(1, Math.floor(identities / 4_000)); // in-scope identities over the owners → 1,000 each at 1M
  const ws = await createWorkspace(db, { name: "Bench" });
  const cm = await createUser(db, ws.id, { role: "COMPLIANCE_MANAGER", name: "Bench Manager", email: "cm@bench.test" });
  await db.workspace.update({ where: { id: ws.id }, data: { fallbackReviewerId: cm.id } });
  for (let i = 0; i < owners; i++) await createUser(db, ws.id, { name: `Owner ${i}`, email: `owner-${String(i).padStart(3, "0")}@bench.test` });
  const team = await createTeam(db, ws.id, { name: "Platform", leadId: cm.id });
  const sources = [];
  for (let s = 0; s < 4; s++) sources.push(await createSource(db, ws.id, { name: `aws-${s}`, kind: "AWS" }));
  const ownerIds = (await db.user.findMany({ where: { workspaceId: ws.id, role: "MEMBER" }, orderBy: { email: "asc" }, select: { id: true } })).map((u) => u.id);
  const chunk = 200_000;
  for (let from = 0; from < identities; from += chunk) {
    // ~2% orphans (they go to the team lead), none of them owner-000's.
    await db.$executeRaw(Prisma.sql`
      INSERT INTO "Identity" ("workspaceId", "sourceId", kind, "externalId", name, environment, "ownerId", "owningTeamId", privileged, "blastRadius", "lastUsedAt", tags)
      SELECT ${ws.id}, (${sources.map((s) => s.id)}::text[])[1 + g % 4],
        (ARRAY['SERVICE_ACCOUNT','API_KEY','OAUTH_APP','TOKEN','CERTIFICATE','DEPLOY_KEY','WORKLOAD','AI_AGENT','BOT'])[1 + g % 9]::"IdentityKind",
        'bench:' || g, 'svc-' || lpad(g::text, 7, '0'), (ARRAY['prod','staging','dev'])[1 + g % 3],
        CASE WHEN g % 49 = 1 AND (g / 4) % ${owners}::int <> 0 THEN NULL ELSE (${ownerIds}::text[])[1 + (g / 4) % ${owners}::int] END, ${team.id}, g % 20 = 0, 10 + g % 80,
        now() - make_interval(days => g % 200), jsonb_build_object('team', 'team-' || (g % 20))
      FROM generate_series(${from}::int, ${Math.min(identities, from + chunk) - 1}::int) g`);
  }
  await db.$executeRaw`INSERT INTO "Credential" ("workspaceId", "identityId", "externalId", kind, "createdAt", "lastRotatedAt", "lastUsedAt")
    SELECT i."workspaceId", i.id, i."externalId" || '#key-1', 'ACCESS_KEY', now() - interval '300 days', now() - interval '100 days', i."lastUsedAt" FROM "Identity" i WHERE i."workspaceId" = ${ws.id} ORDER BY i.name`;
  await db.$executeRaw`INSERT INTO "Entitlement" ("workspaceId", "identityId", name, resource, privileged, "grantedAt")
    SELECT i."workspaceId", i.id, (ARRAY['s3:read','sqs:write','logs:read'])[n], 'res-' || n, i.privileged AND n = 1, now() - interval '300 days'
    FROM "Identity" i CROSS JOIN generate_series(1, 3) n WHERE i."workspaceId" = ${ws.id} ORDER BY i.name, n`; // one identity's rows together, as an import writes them
  await db.$executeRaw`VACUUM ANALYZE`;
  const managerActor: UserActor = { type: "USER", workspaceId: ws.id, userId: cm.id, role: "COMPLIANCE_MANAGER", label: cm.email };
  const owner = await db.user.findFirstOrThrow({ where: { workspaceId: ws.id, email: "owner-000@bench.test" } });
  const ownerActor: UserActor = { type: "USER", workspaceId: ws.id, userId: owner.id, role: "MEMBER", label: owner.email };
  return { ws, sources, managerActor, owner, ownerActor };
}

/** A draft scoped to the first source (a quarter of the inventory), launched: the request, then the freeze job. */
export async function launchBenchCampaign(inventory: Awaited<ReturnType<typeof seedInventory>>) {
  const draft = await createCampaign(inventory.managerActor, createCampaignInput.parse({
    name: "Bench quarter", scope: { sourceIds: [inventory.sources[0]!.id] }, dueAt: new Date(Date.now() + 14 * 86_400_000), escalationAfterDays: 7, defaultOnNoResponse: "ESCALATE_ONLY",
  }));
  let t = performance.now();
  const launched = await launchCampaign(inventory.managerActor, { campaignId: draft.id, acknowledgeStaleSources: false });
  const requestMs = performance.now() - t;
  // The job itself (as the worker runs it), called directly so the figure holds no queue polling delay.
  t = performance.now();
  const frozen = await freezePopulation(draft.id);
  const freezeMs = performance.now() - t;
  await db.$executeRaw`ANALYZE "ReviewItem"`;
  return { campaignId: draft.id, total: launched.total, frozen, requestMs, freezeMs };
}

/**
 * The inventory a `campaign --keep` run left in this database, its bench campaigns deleted (their
 * items with them), so that the launch can be measured again without generating the inventory again.
 */
export async function reuseInventory() {
  const ws = await db.workspace.findFirstOrThrow({ where: { name: "Bench" } });
  await db.campaign.deleteMany({ where: { workspaceId: ws.id, name: "Bench quarter" } });
  await db.$executeRaw`VACUUM ANALYZE "ReviewItem"`;
  await db.$executeRaw`CHECKPOINT`;
  const cm = await db.user.findFirstOrThrow({ where: { workspaceId: ws.id, email: "cm@bench.test" } });
  const owner = await db.user.findFirstOrThrow({ where: { workspaceId: ws.id, email: "owner-000@bench.test" } });
  const sources = await db.source.findMany({ where: { workspaceId: ws.id }, orderBy: { name: "asc" } });
  const identities = await db.identity.count({ where: { workspaceId: ws.id } });
  const managerActor: UserActor = { type: "USER", workspaceId: ws.id, userId: cm.id, role: "COMPLIANCE_MANAGER", label: cm.email };
  const ownerActor: UserActor = { type: "USER", workspaceId: ws.id, userId: owner.id, role: "MEMBER", label: owner.email };
  return { identities, inventory: { ws, sources, managerActor, owner, ownerActor } };
}
