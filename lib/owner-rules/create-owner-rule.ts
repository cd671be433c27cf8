import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record-audit";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { auditView, checkRuleReferences } from "@/lib/owner-rules/check-rule-references";
import { lockRules, orderedRuleIds } from "@/lib/owner-rules/ordering";
import type { OwnerRuleInput } from "@/lib/owner-rules/schema";

/** Adds an ownership rule at the end of the workspace's order (last to be tried), audited with it. */
export async function createOwnerRule(actor: Actor, input: OwnerRuleInput) {
  assertCan(actor, "inventory:write");
  await checkRuleReferences(actor.workspaceId, input);
  return db.$transaction(async (tx) => {
    await lockRules(tx, actor.workspaceId);
    const position = (await orderedRuleIds(tx, actor.workspaceId)).length + 1;
    const rule = await tx.ownerRule.create({
      data: {
        workspaceId: actor.workspaceId, position, name: input.name, enabled: input.enabled ?? true, sourceId: input.sourceId, kind: input.kind,
        pattern: input.pattern, tagKey: input.tagKey, tagValue: input.tagValue, ownerUserId: input.ownerUserId, ownerTeamId: input.ownerTeamId,
      },
    });
    await recordAudit(tx, actor, "owner-rule.created", { type: "OwnerRule", id: rule.id }, auditView(rule));
    return rule;
  });
}
