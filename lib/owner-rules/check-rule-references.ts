import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import type { OwnerRuleDefinition } from "@/lib/owner-rules/schema";

/**
 * The source, person and team a rule names must belong to the actor's workspace, and the person must
 * still be here (a rule handing identities to someone who left would only make orphans).
 */
export async function checkRuleReferences(workspaceId: string, rule: Pick<OwnerRuleDefinition, "sourceId" | "ownerUserId" | "ownerTeamId">) {
  const [source, user, team] = await Promise.all([
    rule.sourceId ? db.source.findFirst({ where: { id: rule.sourceId, workspaceId }, select: { id: true } }) : null,
    rule.ownerUserId ? db.user.findFirst({ where: { id: rule.ownerUserId, workspaceId }, select: { email: true, status: true } }) : null,
    rule.ownerTeamId ? db.team.findFirst({ where: { id: rule.ownerTeamId, workspaceId }, select: { id: true } }) : null,
  ]);
  if (rule.sourceId && !source) throw new DomainError("INVALID", "That source was not found in this workspace.");
  if (rule.ownerUserId && !user) throw new DomainError("INVALID", "That person was not found in this workspace.");
  if (rule.ownerTeamId && !team) throw new DomainError("INVALID", "That team was not found in this workspace.");
  if (user?.status === "DEPARTED") throw new DomainError("INVALID", `${user.email} has left; choose someone who is still here.`);
}

/** The rule as written to the audit log. */
export const auditView = (rule: OwnerRuleDefinition & { position?: number }) => ({
  name: rule.name, enabled: rule.enabled, position: rule.position ?? null, sourceId: rule.sourceId, kind: rule.kind, pattern: rule.pattern,
  tagKey: rule.tagKey, tagValue: rule.tagValue, ownerUserId: rule.ownerUserId, ownerTeamId: rule.ownerTeamId,
});
