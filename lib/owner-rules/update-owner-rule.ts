import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record-audit";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { DomainError, notFound } from "@/lib/errors";
import { auditView, checkRuleReferences } from "@/lib/owner-rules/check-rule-references";
import { lockRules, orderedRuleIds, reorder, writePositions } from "@/lib/owner-rules/ordering";
import { ruleProblems, type OwnerRuleDefinition, type OwnerRulePatch } from "@/lib/owner-rules/schema";

const fields = ["name", "enabled", "sourceId", "kind", "pattern", "tagKey", "tagValue", "ownerUserId", "ownerTeamId"] as const;

/**
 * Changes a rule's fields and/or its place in the order. The patch is merged with the stored rule and
 * the result checked as a whole; fields, positions and the audit event (with before and after) commit
 * together. Changing a rule does not touch identities: the next sync or "Apply rules now" does.
 */
export async function updateOwnerRule(actor: Actor, id: string, patch: OwnerRulePatch) {
  assertCan(actor, "inventory:write");
  const current = await db.ownerRule.findFirst({ where: { id, workspaceId: actor.workspaceId } });
  if (!current) throw notFound("Ownership rule");
  const next: OwnerRuleDefinition = { ...current };
  for (const field of fields) if (patch[field] !== undefined) Object.assign(next, { [field]: patch[field] });
  const problems = ruleProblems(next);
  if (problems.length) throw new DomainError("INVALID", problems.map(([field, message]) => `${field}: ${message}`).join("; "));
  await checkRuleReferences(actor.workspaceId, next);
  const changed = fields.filter((f) => next[f] !== current[f]);

  return db.$transaction(async (tx) => {
    await lockRules(tx, actor.workspaceId);
    const ids = await orderedRuleIds(tx, actor.workspaceId);
    const from = ids.indexOf(id) + 1;
    if (from === 0) throw notFound("Ownership rule");
    const to = patch.position === undefined ? from : Math.min(patch.position, ids.length);
    if (!changed.length && to === from) return { ...current, position: from, changed: false };
    // Conditional on the fields read above: a concurrent edit makes this one fail instead of silently winning.
    const updated = await tx.ownerRule.updateMany({
      where: { id, workspaceId: actor.workspaceId, ...Object.fromEntries(changed.map((f) => [f, current[f]])) },
      data: Object.fromEntries(changed.map((f) => [f, next[f]])),
    });
    if (updated.count === 0) throw new DomainError("CONFLICT", "The rule was changed meanwhile; reload and try again.");
    if (to !== from) await writePositions(tx, actor.workspaceId, reorder(ids, id, to - 1));
    await recordAudit(tx, actor, to !== from && !changed.length ? "owner-rule.moved" : "owner-rule.updated", { type: "OwnerRule", id }, {
      changed, from: { ...auditView({ ...current, position: from }) }, to: auditView({ ...next, position: to }),
    });
    return { ...current, ...next, position: to, changed: true };
  });
}
