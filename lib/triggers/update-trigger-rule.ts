import { db } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { DomainError, notFound } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import type { UpdateTriggerRuleInput } from "@/lib/triggers/schema";

/** Changes a rule's switch, cooldown and thresholds; the audit record keeps the before and after. */
export async function updateTriggerRule(actor: Actor, input: UpdateTriggerRuleInput) {
  assertCan(actor, "triggers:manage");
  return db.$transaction(async (tx) => {
    const before = await tx.triggerRule.findFirst({ where: { id: input.ruleId, workspaceId: actor.workspaceId } });
    if (!before) throw notFound("Trigger rule");
    if (before.kind !== input.kind) throw new DomainError("INVALID", "The rule changed kind; reload the page.");
    const after = await tx.triggerRule.update({
      where: { id: before.id },
      data: { enabled: input.enabled, cooldownHours: input.cooldownHours, params: input.params },
    });
    await recordAudit(tx, actor, "trigger-rule.updated", { type: "TriggerRule", id: before.id }, {
      kind: before.kind,
      before: { enabled: before.enabled, cooldownHours: before.cooldownHours, params: before.params },
      after: { enabled: after.enabled, cooldownHours: after.cooldownHours, params: after.params },
    });
    return after;
  });
}
