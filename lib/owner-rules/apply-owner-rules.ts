import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record-audit";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { APPLY_RULES_SQL, ruleArrays } from "@/lib/owner-rules/rule-sql";
import { lockRules } from "@/lib/owner-rules/ordering";
import type { OwnerRuleSpec } from "@/lib/ownership/rules";

export type ApplyRulesResult = {
  rules: number;
  /** live identities some enabled rule matches */
  matched: number;
  /** of those, rows rewritten (owner or deciding rule changed) */
  updated: number;
  /** of those, identities whose owner or team actually changed (each gets an OWNER_CHANGED change record) */
  ownersChanged: number;
  /** matched but left alone: owner set by hand on the identity page */
  keptManual: number;
  /** matched but left alone: owner named by the source itself (file column or push API) */
  keptSourceProvided: number;
};

/**
 * "Apply rules now": re-applies the enabled rules, in order, to the whole current inventory in one
 * set-based statement, with the same precedence as a sync — manual owner > owner named by the source >
 * first matching rule. The owner changes, their change records and one audit event with the counts
 * commit together.
 */
export async function applyOwnerRules(actor: Actor): Promise<ApplyRulesResult> {
  assertCan(actor, "inventory:write");
  return db.$transaction(
    async (tx) => {
      await lockRules(tx, actor.workspaceId);
      const rules = (await tx.ownerRule.findMany({ where: { workspaceId: actor.workspaceId, enabled: true }, orderBy: [{ position: "asc" }, { createdAt: "asc" }, { id: "asc" }] })) as OwnerRuleSpec[];
      let counts = { matched: 0, kept_manual: 0, kept_source: 0, updated: 0, owners_changed: 0 };
      if (rules.length) {
        const rows = await tx.$queryRawUnsafe<(typeof counts)[]>(APPLY_RULES_SQL, actor.workspaceId, new Date().toISOString(), ...ruleArrays(rules));
        counts = rows[0] ?? counts;
      }
      const result: ApplyRulesResult = {
        rules: rules.length, matched: counts.matched, updated: counts.updated, ownersChanged: counts.owners_changed, keptManual: counts.kept_manual, keptSourceProvided: counts.kept_source,
      };
      await recordAudit(tx, actor, "owner-rules.applied", null, result);
      return result;
    },
    { timeout: 30 * 60_000, maxWait: 60_000 },
  );
}
