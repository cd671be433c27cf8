import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record-audit";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { notFound } from "@/lib/errors";
import { lockRules, orderedRuleIds, reorder, writePositions } from "@/lib/owner-rules/ordering";

/** Moves a rule one place up (tried earlier) or down, relative to the order as it is when the lock is held. */
export async function moveOwnerRule(actor: Actor, input: { id: string; direction: "up" | "down" }) {
  assertCan(actor, "inventory:write");
  return db.$transaction(async (tx) => {
    await lockRules(tx, actor.workspaceId);
    const ids = await orderedRuleIds(tx, actor.workspaceId);
    const from = ids.indexOf(input.id);
    if (from === -1) throw notFound("Ownership rule");
    const to = input.direction === "up" ? from - 1 : from + 1;
    if (to < 0 || to >= ids.length) return { moved: false, position: from + 1 };
    await writePositions(tx, actor.workspaceId, reorder(ids, input.id, to));
    await recordAudit(tx, actor, "owner-rule.moved", { type: "OwnerRule", id: input.id }, { from: { position: from + 1 }, to: { position: to + 1 } });
    return { moved: true, position: to + 1 };
  });
}
