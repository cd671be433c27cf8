import { z } from "zod";
import { db } from "@/lib/db";
import { Prisma } from "@/prisma/generated/client";
import { recordAudit } from "@/lib/audit/record-audit";
import { systemActor } from "@/lib/authz/actor";
import { defineJob } from "@/lib/jobs/define-job";
import { enqueue } from "@/lib/jobs/enqueue";
import { withSessionLock } from "@/lib/jobs/session-lock";
import { getWorkspacePolicy } from "@/lib/reviews/decision-context";
import { scopeWhere } from "@/lib/campaigns/scope-sql";
import { campaignScope } from "@/lib/campaigns/schema";

const { sql } = Prisma;
export const LAUNCH_CHUNK = 10_000;
/** Chunks frozen concurrently (PostgreSQL does the work; two keep two cores busy). */
export const LAUNCH_PARALLEL = Math.max(1, Number(process.env.ROLLCALL_LAUNCH_PARALLEL) || 2);

// ISO-8601 with milliseconds, as snapshotOf() writes it (timestamp(3) columns hold UTC).
const ts = (column: Prisma.Sql) => sql`to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * The snapshot of `i` built as jsonb in SQL (no text round trip): the same shape as snapshotOf() +
 * context, so items frozen in bulk and items opened one by one read the same. `cr` and `en` hold each
 * identity's credentials and entitlements, aggregated once per chunk (see freezePopulation).
 */
function snapshotSql(takenAt: string): Prisma.Sql {
  return sql`jsonb_build_object(
    'takenAt', ${takenAt}::text,
    'identity', jsonb_build_object('id', i.id, 'externalId', i."externalId", 'name', i.name, 'kind', i.kind, 'environment', i.environment, 'status', i.status,
      'privileged', i.privileged, 'blastRadius', i."blastRadius", 'ownerId', i."ownerId", 'lastUsedAt', ${ts(sql`i."lastUsedAt"`)}, 'sourceId', i."sourceId"),
    'credentials', COALESCE(cr.list, '[]'::jsonb),
    'entitlements', COALESCE(en.list, '[]'::jsonb),
    'context', jsonb_build_object('ownerName', ow.name, 'ownerEmail', ow.email, 'ownerStatus', ow.status, 'teamName', t.name, 'sourceName', s.name,
      'sourceKind', s.kind, 'sourceSyncedAt', ${ts(sql`s."lastSyncedAt"`)}, 'purpose', i.purpose)
  )`;
}

/**
 * Freezes a launched campaign's population in chunks of INSERT … SELECT (one statement per 10,000
 * identities, each with its progress update in the same transaction, LAUNCH_PARALLEL at a time).
 * Resumable: a retried job freezes only the identities not frozen yet. Reviewer: active owner → active team lead → fallback.
 * The scope is evaluated once, when the job starts (identities first seen after launch are never in it).
 */
export function freezePopulation(campaignId: string, chunk = LAUNCH_CHUNK): Promise<number> {
  // One freezer per campaign: two overlapping runs would each insert the identities the other has not
  // committed yet. The lock is read under, so a run that waited finds the population already frozen.
  return withSessionLock(`campaign-launch:${campaignId}`, () => freezeLocked(campaignId, chunk));
}

async function freezeLocked(campaignId: string, chunk: number): Promise<number> {
  const campaign = await db.campaign.findUnique({ where: { id: campaignId } });
  if (!campaign || campaign.status !== "ACTIVE" || !campaign.launchedAt || !campaign.dueAt) return 0;
  if ((campaign.population as { frozenAt?: string } | null)?.frozenAt) return campaign.launchDone;
  const { workspaceId } = campaign;
  const scope = campaignScope.parse(campaign.scope ?? {});
  const policy = await getWorkspacePolicy(workspaceId);
  const ws = await db.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { fallbackReviewerId: true } });
  const fallback = ws.fallbackReviewerId ? await db.user.findFirst({ where: { id: ws.fallbackReviewerId, workspaceId, status: "ACTIVE" }, select: { id: true } }) : null;
  const reasons = JSON.stringify([{ kind: "SCHEDULED", sentence: `Scheduled review: ${campaign.name}` }]);
  const takenAt = campaign.launchedAt.toISOString();
  const dormantBefore = new Date(campaign.launchedAt.getTime() - policy.dormancyDays * 86_400_000);
  // The population, read once, in the table's physical order: each chunk then joins on its ids instead
  // of re-running the scope query, and its identities (and their credentials and entitlements, which
  // imports write together) sit on few pages. Resuming skips what an earlier attempt already froze.
  const population = await db.$queryRaw<{ id: string }[]>(sql`
    SELECT i.id FROM "Identity" i
    WHERE ${scopeWhere(workspaceId, scope)} AND i."firstSeenAt" <= ${campaign.launchedAt}
      AND NOT EXISTS (SELECT 1 FROM "ReviewItem" ri WHERE ri."campaignId" = ${campaignId} AND ri."identityId" = i.id)
    ORDER BY i.ctid`);
  const chunks: string[][] = [];
  for (let from = 0; from < population.length; from += chunk) chunks.push(population.slice(from, from + chunk).map((r) => r.id));

  // LAUNCH_PARALLEL chunks at a time, each its own transaction (a failed chunk leaves no partial rows).
  let next = 0;
  const lane = async () => {
    for (let ids = chunks[next++]; ids; ids = chunks[next++]) await freezeChunk(ids);
  };
  const freezeChunk = (ids: string[]) =>
    db.$transaction(async (tx) => {
      // A chunk touches ~1% of the inventory: reach its rows through the indexes. Left to itself the
      // planner hash-joins whole tables once a chunk is a few % of them, and every chunk re-reads them.
      await tx.$executeRaw`SET LOCAL enable_seqscan = off`;
      const inserted = await tx.$executeRaw(sql`
        WITH chunk AS MATERIALIZED (SELECT unnest(${ids}::text[]) AS id),
        -- Credentials and entitlements of the whole chunk in one bitmap scan each (heap pages read once,
        -- in physical order), instead of two index probes per identity.
        cr AS (
          SELECT c."identityId", jsonb_agg(jsonb_build_object('id', c.id, 'externalId', c."externalId", 'kind', c.kind, 'status', c.status,
            'createdAt', ${ts(sql`c."createdAt"`)}, 'lastUsedAt', ${ts(sql`c."lastUsedAt"`)}, 'expiresAt', ${ts(sql`c."expiresAt"`)}) ORDER BY c."createdAt" NULLS FIRST, c.id) AS list
          FROM "Credential" c WHERE c."identityId" = ANY(${ids}::text[]) AND c.status <> 'REMOVED' GROUP BY c."identityId"
        ),
        en AS (
          SELECT e."identityId", jsonb_agg(jsonb_build_object('id', e.id, 'name', e.name, 'resource', e.resource, 'privileged', e.privileged, 'canMint', e."canMint")
            ORDER BY e.privileged DESC, e.name, e.id) AS list
          FROM "Entitlement" e WHERE e."identityId" = ANY(${ids}::text[]) AND e.status = 'ACTIVE' GROUP BY e."identityId"
        )
        INSERT INTO "ReviewItem" ("workspaceId", "campaignId", "identityId", "reviewerId", snapshot, reasons, recommendation, "recommendationReason", "riskScore", "dueAt")
        SELECT i."workspaceId", ${campaignId}, i.id,
          COALESCE(CASE WHEN ow.status = 'ACTIVE' THEN ow.id END, CASE WHEN lead.status = 'ACTIVE' THEN lead.id END, ${fallback?.id ?? null}::text),
          ${snapshotSql(takenAt)},
          ${reasons}::jsonb,
          CASE WHEN i."lastUsedAt" < ${dormantBefore} THEN 'REVOKE'::"DecisionKind" END,
          CASE WHEN i."lastUsedAt" < ${dormantBefore}
            THEN 'unused ' || floor(extract(epoch FROM (${campaign.launchedAt}::timestamp - i."lastUsedAt")) / 86400)::int || ' days → revoke' END,
          i."blastRadius",
          ${campaign.dueAt}
        FROM chunk k
        JOIN "Identity" i ON i.id = k.id AND i."workspaceId" = ${workspaceId}
        JOIN "Source" s ON s.id = i."sourceId"
        LEFT JOIN "User" ow ON ow.id = i."ownerId"
        LEFT JOIN "Team" t ON t.id = i."owningTeamId"
        LEFT JOIN "User" lead ON lead.id = t."leadId"
        LEFT JOIN cr ON cr."identityId" = i.id
        LEFT JOIN en ON en."identityId" = i.id`);
      if (inserted) await tx.campaign.update({ where: { id: campaignId }, data: { launchDone: { increment: inserted } } });
    }, { timeout: 120_000 });
  await Promise.all(Array.from({ length: Math.min(LAUNCH_PARALLEL, chunks.length) }, lane));

  return db.$transaction(async (tx) => {
    const done = await tx.reviewItem.count({ where: { campaignId } });
    const current = await tx.campaign.findUniqueOrThrow({ where: { id: campaignId }, select: { population: true } });
    const frozenAt = new Date().toISOString();
    await tx.campaign.update({
      where: { id: campaignId },
      data: { launchDone: done, launchTotal: done, population: { ...((current.population ?? {}) as Prisma.JsonObject), frozen: done, frozenAt } },
    });
    await recordAudit(tx, systemActor(workspaceId, "campaign-launcher"), "campaign.population-frozen", { type: "Campaign", id: campaignId }, { items: done, frozenAt });
    await enqueue(tx, "reviews.notify-assigned", { campaignId });
    return done;
  }, { timeout: 60_000 });
}

export const launchCampaignJob = defineJob({
  name: "campaigns.launch",
  input: z.object({ campaignId: z.string() }),
  retryLimit: 5,
  async handle({ campaignId }) {
    await freezePopulation(campaignId);
  },
});
