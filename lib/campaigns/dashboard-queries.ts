import { db } from "@/lib/db";
import { Prisma } from "@/prisma/generated/client";
import { burndown, percent } from "@/lib/campaigns/rules";

const { sql } = Prisma;

/**
 * Everything the campaign page draws, computed in SQL so it stays fast at 250,000 items: progress,
 * daily burndown, decision mix, remediation status, blast radius before/after, per team and per
 * reviewer (pending, overdue, median seconds per decision) and the overdue list.
 */
export async function campaignDashboard(workspaceId: string, campaignId: string, now = new Date()) {
  const campaign = await db.campaign.findFirst({
    where: { id: campaignId, workspaceId },
    include: { workspace: { select: { name: true } } },
  });
  if (!campaign) return null;
  const [statusRows, mix, perDay, remediation, blast, byTeam, byReviewer, overdue, people] = await Promise.all([
    db.reviewItem.groupBy({ by: ["status"], where: { workspaceId, campaignId }, _count: { _all: true } }),
    db.decision.groupBy({ by: ["kind"], where: { workspaceId, item: { campaignId } }, _count: { _all: true } }),
    db.$queryRaw<{ day: Date; n: bigint }[]>(sql`
      SELECT date_trunc('day', d."decidedAt") AS day, count(*)::bigint AS n FROM "Decision" d JOIN "ReviewItem" ri ON ri.id = d."itemId"
      WHERE ri."campaignId" = ${campaignId} AND ri."workspaceId" = ${workspaceId} GROUP BY 1 ORDER BY 1`),
    db.$queryRaw<{ status: string; n: bigint }[]>(sql`
      SELECT t.status::text AS status, count(*)::bigint AS n FROM "RemediationTask" t JOIN "Decision" d ON d.id = t."decisionId" JOIN "ReviewItem" ri ON ri.id = d."itemId"
      WHERE ri."campaignId" = ${campaignId} AND ri."workspaceId" = ${workspaceId} GROUP BY 1`),
    db.$queryRaw<{ before: bigint | null; removed: bigint | null }[]>(sql`
      SELECT sum((ri.snapshot->'identity'->>'blastRadius')::int)::bigint AS before,
        sum(CASE WHEN EXISTS (SELECT 1 FROM "Decision" d JOIN "RemediationTask" t ON t."decisionId" = d.id WHERE d."itemId" = ri.id AND t.status = 'VERIFIED' AND t.action = 'REVOKE')
          THEN (ri.snapshot->'identity'->>'blastRadius')::int ELSE 0 END)::bigint AS removed
      FROM "ReviewItem" ri WHERE ri."campaignId" = ${campaignId} AND ri."workspaceId" = ${workspaceId}`),
    db.$queryRaw<{ team: string | null; total: bigint; pending: bigint; overdue: bigint }[]>(sql`
      SELECT tm.name AS team, count(*)::bigint AS total,
        count(*) FILTER (WHERE ri.status IN ('PENDING', 'ESCALATED'))::bigint AS pending,
        count(*) FILTER (WHERE ri.status IN ('PENDING', 'ESCALATED') AND ri."dueAt" < ${now})::bigint AS overdue
      FROM "ReviewItem" ri JOIN "Identity" i ON i.id = ri."identityId" LEFT JOIN "Team" tm ON tm.id = i."owningTeamId"
      WHERE ri."campaignId" = ${campaignId} AND ri."workspaceId" = ${workspaceId} GROUP BY tm.name ORDER BY pending DESC, team NULLS LAST LIMIT 50`),
    db.$queryRaw<{ reviewerId: string | null; total: bigint; pending: bigint; overdue: bigint; median: number | null; batched: bigint }[]>(sql`
      SELECT ri."reviewerId" AS "reviewerId", count(*)::bigint AS total,
        count(*) FILTER (WHERE ri.status IN ('PENDING', 'ESCALATED'))::bigint AS pending,
        count(*) FILTER (WHERE ri.status IN ('PENDING', 'ESCALATED') AND ri."dueAt" < ${now})::bigint AS overdue,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY d."secondsToDecide") FILTER (WHERE d.channel <> 'SYSTEM') AS median,
        count(*) FILTER (WHERE d."batchSize" > 1)::bigint AS batched
      FROM "ReviewItem" ri LEFT JOIN "Decision" d ON d."itemId" = ri.id
      WHERE ri."campaignId" = ${campaignId} AND ri."workspaceId" = ${workspaceId} GROUP BY ri."reviewerId" ORDER BY pending DESC LIMIT 100`),
    db.reviewItem.findMany({
      where: { workspaceId, campaignId, status: { in: ["PENDING", "ESCALATED"] }, dueAt: { lt: now } },
      orderBy: [{ dueAt: "asc" }, { riskScore: "desc" }],
      take: 50,
      select: { id: true, dueAt: true, status: true, lastRemindedAt: true, reminderCount: true, reviewer: { select: { name: true } }, identity: { select: { name: true, kind: true } } },
    }),
    db.user.findMany({ where: { workspaceId, id: { in: [campaign.createdById, campaign.signedOffById].filter((x): x is string => Boolean(x)) } }, select: { id: true, name: true } }),
  ]);
  const count = (s: string) => statusRows.find((r) => r.status === s)?._count._all ?? 0;
  const total = statusRows.reduce((n, r) => n + r._count._all, 0);
  const decided = count("DECIDED");
  const reviewerNames = await db.user.findMany({ where: { workspaceId, id: { in: byReviewer.map((r) => r.reviewerId).filter((x): x is string => Boolean(x)) } }, select: { id: true, name: true } });
  const start = campaign.launchedAt ?? campaign.createdAt;
  const end = campaign.closedAt ?? (campaign.dueAt && campaign.dueAt < now ? campaign.dueAt : now);
  const before = Number(blast[0]?.before ?? 0);
  return {
    campaign,
    createdBy: people.find((p) => p.id === campaign.createdById)?.name ?? null,
    signedOffBy: people.find((p) => p.id === campaign.signedOffById)?.name ?? null,
    progress: { total, decided, pending: count("PENDING"), escalated: count("ESCALATED"), expired: count("EXPIRED"), overdue: overdue.length, percent: percent(decided, total) },
    mix: Object.fromEntries(mix.map((m) => [m.kind, m._count._all])) as Partial<Record<"ATTEST" | "REVOKE" | "REDUCE" | "EXCEPTION" | "REASSIGN", number>>,
    burndown: total ? burndown(total, perDay.map((r) => ({ day: r.day.toISOString().slice(0, 10), n: Number(r.n) })), start, end) : [],
    remediation: Object.fromEntries(remediation.map((r) => [r.status, Number(r.n)])) as Partial<Record<"OPEN" | "EXECUTED" | "VERIFIED" | "FAILED", number>>,
    blastRadius: { before, after: before - Number(blast[0]?.removed ?? 0) },
    byTeam: byTeam.map((r) => ({ team: r.team ?? "No team", total: Number(r.total), pending: Number(r.pending), overdue: Number(r.overdue) })),
    byReviewer: byReviewer.map((r) => ({
      reviewer: r.reviewerId ? (reviewerNames.find((u) => u.id === r.reviewerId)?.name ?? "—") : "Unassigned",
      total: Number(r.total), pending: Number(r.pending), overdue: Number(r.overdue), medianSeconds: r.median === null ? null : Math.round(Number(r.median)), batched: Number(r.batched),
    })),
    overdueItems: overdue,
  };
}

export type CampaignDashboard = NonNullable<Awaited<ReturnType<typeof campaignDashboard>>>;
