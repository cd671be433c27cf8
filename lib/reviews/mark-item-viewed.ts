import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record-audit";
import type { UserActor } from "@/lib/authz/actor";

/** Records when the reviewer first opened an item (the start of secondsToDecide); later views change nothing. */
export async function markItemViewed(actor: UserActor, itemId: string, now = new Date()): Promise<void> {
  await db.$transaction(async (tx) => {
    const first = await tx.reviewItem.updateMany({
      where: { id: itemId, workspaceId: actor.workspaceId, firstViewedAt: null, status: { in: ["PENDING", "ESCALATED"] }, OR: [{ reviewerId: actor.userId }, { escalatedToId: actor.userId }] },
      data: { firstViewedAt: now },
    });
    if (first.count) await recordAudit(tx, actor, "review.viewed", { type: "ReviewItem", id: itemId }, {});
  });
}
