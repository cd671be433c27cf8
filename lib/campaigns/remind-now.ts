import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { enqueue } from "@/lib/jobs/enqueue";
import type { RemindNowInput } from "@/lib/campaigns/schema";

/** A manager chases reviewers now: the request is audited and the reminder mails go out from a job. */
export async function remindNow(actor: Actor, input: RemindNowInput) {
  assertCan(actor, "campaigns:manage");
  const items = await db.reviewItem.findMany({
    where: { id: { in: input.itemIds }, workspaceId: actor.workspaceId, status: { in: ["PENDING", "ESCALATED"] }, campaign: { status: "ACTIVE" } },
    select: { id: true },
  });
  if (!items.length) throw new DomainError("CONFLICT", "These reviews are no longer open.");
  await db.$transaction(async (tx) => {
    await recordAudit(tx, actor, "review.remind-requested", null, { itemIds: items.map((i) => i.id) });
    await enqueue(tx, "reviews.remind-now", { itemIds: items.map((i) => i.id) });
  });
  return { items: items.length };
}
