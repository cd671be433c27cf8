import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { assertCan, type Actor } from "@/lib/authz/actor";
import type { Channel } from "@/prisma/generated/enums";
import { decide } from "@/lib/reviews/decide";
import { bulkKeepSkipReason } from "@/lib/reviews/rules";
import type { BulkAttestInput } from "@/lib/reviews/schema";

export type BulkResult = { kept: string[]; skipped: { itemId: string; name: string; reason: string }[] };

/**
 * Keeps the selected items that have no risk findings, each through decide() (one decision per item,
 * the batch id and size recorded for rubber-stamp metrics); items with findings are skipped and named.
 */
export async function bulkAttest(actor: Actor, input: BulkAttestInput, via: Channel): Promise<BulkResult> {
  assertCan(actor, "reviews:decide");
  const items = await db.reviewItem.findMany({
    where: { id: { in: input.itemIds }, workspaceId: actor.workspaceId },
    select: { id: true, status: true, identity: { select: { name: true } }, _count: { select: { findings: true } } },
  });
  const result: BulkResult = { kept: [], skipped: [] };
  const eligible = [];
  for (const item of items) {
    const reason = bulkKeepSkipReason({ findingsCount: item._count.findings, status: item.status });
    if (reason) result.skipped.push({ itemId: item.id, name: item.identity.name, reason });
    else eligible.push(item);
  }
  const batchId = randomUUID();
  for (const item of eligible) {
    try {
      await decide(actor, { itemId: item.id, decision: "ATTEST" }, via, { batchId, batchSize: eligible.length });
      result.kept.push(item.id);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      result.skipped.push({ itemId: item.id, name: item.identity.name, reason: error.userMessage });
    }
  }
  return result;
}
