import { db } from "@/lib/db";
import { RULE_COUNTS_SQL, ruleArrays } from "@/lib/owner-rules/rule-sql";
import type { OwnerRuleSpec } from "@/lib/ownership/rules";

/** Counting a rule's matches is a scan of the inventory; past this, the page shows no figure rather than wait. */
const COUNT_BUDGET_MS = 3_000;

/**
 * The workspace's rules in evaluation order, each with who it names, how many live identities it
 * matches now (null when the count did not finish within the budget) and how many it owns now.
 */
export async function listOwnerRulesWithCounts(workspaceId: string) {
  const rules = await db.ownerRule.findMany({ where: { workspaceId }, orderBy: [{ position: "asc" }, { createdAt: "asc" }, { id: "asc" }] });
  const userIds = rules.flatMap((r) => (r.ownerUserId ? [r.ownerUserId] : []));
  const teamIds = rules.flatMap((r) => (r.ownerTeamId ? [r.ownerTeamId] : []));
  const sourceIds = rules.flatMap((r) => (r.sourceId ? [r.sourceId] : []));
  const [users, teams, sources, owned, matches] = await Promise.all([
    userIds.length ? db.user.findMany({ where: { workspaceId, id: { in: userIds } }, select: { id: true, name: true, email: true, status: true } }) : [],
    teamIds.length ? db.team.findMany({ where: { workspaceId, id: { in: teamIds } }, select: { id: true, name: true } }) : [],
    sourceIds.length ? db.source.findMany({ where: { workspaceId, id: { in: sourceIds } }, select: { id: true, name: true } }) : [],
    rules.length ? db.identity.groupBy({ by: ["ownerRuleId"], where: { workspaceId, ownerSource: "RULE", ownerRuleId: { in: rules.map((r) => r.id) }, status: { not: "REMOVED" } }, _count: { _all: true } }) : [],
    matchCounts(workspaceId, rules as OwnerRuleSpec[]),
  ]);
  const byId = <T extends { id: string }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]));
  const [u, t, s] = [byId(users), byId(teams), byId(sources)];
  const ownedBy = new Map(owned.map((o) => [o.ownerRuleId, o._count._all]));
  return rules.map((rule, index) => ({
    ...rule,
    order: index + 1,
    owner: rule.ownerUserId ? u.get(rule.ownerUserId) ?? null : null,
    team: rule.ownerTeamId ? t.get(rule.ownerTeamId) ?? null : null,
    source: rule.sourceId ? s.get(rule.sourceId) ?? null : null,
    matches: matches?.get(rule.id) ?? null,
    owns: ownedBy.get(rule.id) ?? 0,
  }));
}
export type OwnerRuleRow = Awaited<ReturnType<typeof listOwnerRulesWithCounts>>[number];

async function matchCounts(workspaceId: string, rules: OwnerRuleSpec[]): Promise<Map<string, number> | null> {
  if (!rules.length) return new Map();
  try {
    return await db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`SET LOCAL statement_timeout = ${COUNT_BUDGET_MS}`);
      const rows = await tx.$queryRawUnsafe<{ id: string; matches: number }[]>(RULE_COUNTS_SQL, workspaceId, ...ruleArrays(rules));
      return new Map(rows.map((r) => [r.id, r.matches]));
    });
  } catch (error) {
    if (/statement timeout|canceling statement/i.test(String((error as Error).message))) return null;
    throw error;
  }
}

/** Choices for the rule form: sources, active people and teams of the workspace. */
export async function ownerRuleFormChoices(workspaceId: string) {
  const [sources, people, teams] = await Promise.all([
    db.source.findMany({ where: { workspaceId }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db.user.findMany({ where: { workspaceId, status: "ACTIVE" }, orderBy: { name: "asc" }, select: { id: true, name: true, email: true } }),
    db.team.findMany({ where: { workspaceId }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  return { sources, people, teams };
}
