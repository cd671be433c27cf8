import { db } from "@/lib/db";
import { Prisma } from "@/prisma/generated/client";
import { scopeWhere } from "@/lib/campaigns/scope-sql";
import { staleSources } from "@/lib/campaigns/rules";
import type { CampaignScope } from "@/lib/campaigns/schema";

export type Census = Awaited<ReturnType<typeof populationCensus>>;

/**
 * How many identities a scope selects, per source, with each source's last sync (the IPE facts an
 * auditor asks for) and the stale-source warnings shown before launch.
 */
export async function populationCensus(workspaceId: string, scope: CampaignScope, now = new Date()) {
  const where = scopeWhere(workspaceId, scope);
  const rows = await db.$queryRaw<{ sourceId: string; n: bigint }[]>(Prisma.sql`SELECT i."sourceId" AS "sourceId", count(*)::bigint AS n FROM "Identity" i WHERE ${where} GROUP BY i."sourceId"`);
  const counted = new Map(rows.map((r) => [r.sourceId, Number(r.n)]));
  const sources = await db.source.findMany({
    where: { workspaceId, ...(scope.sourceIds.length ? { id: { in: scope.sourceIds } } : {}) },
    orderBy: { name: "asc" },
    select: {
      id: true, name: true, kind: true, lastSyncedAt: true,
      syncs: { where: { status: "SUCCEEDED" }, orderBy: { startedAt: "desc" }, take: 1, select: { id: true, format: true, fileName: true, fileSha256: true, startedAt: true, finishedAt: true, seenCount: true } },
    },
  });
  const stale = staleSources(sources.filter((s) => counted.has(s.id) || scope.sourceIds.includes(s.id)), now);
  return {
    takenAt: now.toISOString(),
    total: rows.reduce((n, r) => n + Number(r.n), 0),
    sources: sources.map((s) => ({
      id: s.id, name: s.name, kind: s.kind, count: counted.get(s.id) ?? 0, lastSyncedAt: s.lastSyncedAt?.toISOString() ?? null,
      lastSync: s.syncs[0] ? { ...s.syncs[0], startedAt: s.syncs[0].startedAt.toISOString(), finishedAt: s.syncs[0].finishedAt?.toISOString() ?? null } : null,
    })),
    stale,
    query: { sql: where.text, values: where.values },
  };
}
