import { db } from "@/lib/db";

/** Campaigns with their progress counts, newest first. */
export async function listCampaigns(workspaceId: string) {
  const campaigns = await db.campaign.findMany({
    where: { workspaceId },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, kind: true, status: true, dueAt: true },
  });
  const counts = await db.reviewItem.groupBy({
    by: ["campaignId", "status"],
    where: { workspaceId, campaignId: { in: campaigns.map((c) => c.id) } },
    _count: { _all: true },
  });
  const now = new Date();
  const overdue = await db.reviewItem.groupBy({
    by: ["campaignId"],
    where: { workspaceId, campaignId: { in: campaigns.map((c) => c.id) }, status: { in: ["PENDING", "ESCALATED"] }, dueAt: { lt: now } },
    _count: { _all: true },
  });
  return campaigns.map((c) => {
    const mine = counts.filter((r) => r.campaignId === c.id);
    const total = mine.reduce((n, r) => n + r._count._all, 0);
    const decided = mine.filter((r) => r.status === "DECIDED").reduce((n, r) => n + r._count._all, 0);
    return { ...c, total, decided, overdue: overdue.find((o) => o.campaignId === c.id)?._count._all ?? 0 };
  });
}

/** One campaign of the workspace (another workspace's id reads as missing). */
export function getCampaign(workspaceId: string, id: string) {
  return db.campaign.findFirst({ where: { id, workspaceId } });
}

/** What the new-campaign form offers as filters: sources with their freshness, environments, owners, kinds in use. */
export async function scopeOptions(workspaceId: string) {
  const [sources, environments, owners] = await Promise.all([
    db.source.findMany({ where: { workspaceId }, orderBy: { name: "asc" }, select: { id: true, name: true, kind: true, lastSyncedAt: true } }),
    db.identity.groupBy({ by: ["environment"], where: { workspaceId, status: "ACTIVE", environment: { not: null } }, orderBy: { environment: "asc" }, take: 100 }),
    db.user.findMany({ where: { workspaceId, status: "ACTIVE", role: { not: "AUDITOR" } }, orderBy: { name: "asc" }, select: { id: true, name: true, email: true }, take: 1000 }),
  ]);
  return {
    sources: sources.map((s) => ({ ...s, lastSyncedAt: s.lastSyncedAt?.toISOString() ?? null })),
    environments: environments.map((e) => e.environment).filter((e): e is string => Boolean(e)),
    owners,
  };
}
