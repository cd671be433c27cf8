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
