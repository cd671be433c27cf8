import { db } from "@/lib/db";

/** A reviewer's open items, most urgent first (due date, then risk). */
export function listMyPendingItems(workspaceId: string, reviewerId: string, take = 100) {
  return db.reviewItem.findMany({
    where: { workspaceId, reviewerId, status: { in: ["PENDING", "ESCALATED"] } },
    orderBy: [{ dueAt: "asc" }, { riskScore: "desc" }],
    take,
    select: {
      id: true,
      dueAt: true,
      status: true,
      reasons: true,
      riskScore: true,
      campaign: { select: { id: true, name: true } },
      identity: { select: { id: true, name: true, kind: true, lastUsedAt: true, blastRadius: true, source: { select: { name: true } } } },
    },
  });
}
