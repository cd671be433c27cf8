import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record-audit";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { notFound } from "@/lib/errors";
import { auditView } from "@/lib/owner-rules/check-rule-references";
import { lockRules, orderedRuleIds, writePositions } from "@/lib/owner-rules/ordering";

/**
 * Deletes a rule and closes the gap in the order. Identities it assigned keep their owner (and the
 * rule id, as history) until a sync or "Apply rules now" finds another rule for them.
 */
export async function deleteOwnerRule(actor: Actor, id: string) {
  assertCan(actor, "inventory:write");
  return db.$transaction(async (tx) => {
    await lockRules(tx, actor.workspaceId);
    const rule = await tx.ownerRule.findFirst({ where: { id, workspaceId: actor.workspaceId } });
    if (!rule) throw notFound("Ownership rule");
    await tx.ownerRule.deleteMany({ where: { id, workspaceId: actor.workspaceId } });
    await writePositions(tx, actor.workspaceId, await orderedRuleIds(tx, actor.workspaceId));
    const assigned = await tx.identity.count({ where: { workspaceId: actor.workspaceId, ownerRuleId: id, ownerSource: "RULE", status: { not: "REMOVED" } } });
    await recordAudit(tx, actor, "owner-rule.deleted", { type: "OwnerRule", id }, { ...auditView(rule), identitiesKeepingOwner: assigned });
    return { id, identitiesKeepingOwner: assigned };
  });
}
