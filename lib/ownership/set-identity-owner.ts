import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record-audit";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { DomainError, notFound } from "@/lib/errors";
import type { SetIdentityOwnerInput } from "@/lib/ownership/schema";

/**
 * Sets an identity's owner by hand. The owner becomes MANUAL: later syncs and ownership rules leave it
 * alone. The change, its change record and its audit event commit together.
 */
export async function setIdentityOwner(actor: Actor, input: SetIdentityOwnerInput) {
  assertCan(actor, "inventory:write");
  const identity = await db.identity.findFirst({ where: { id: input.identityId, workspaceId: actor.workspaceId }, select: { id: true, name: true, sourceId: true, ownerId: true, owningTeamId: true, ownerSource: true } });
  if (!identity) throw notFound("Identity");
  const [owner, team] = await Promise.all([
    input.ownerId ? db.user.findFirst({ where: { id: input.ownerId, workspaceId: actor.workspaceId }, select: { id: true, email: true, status: true } }) : null,
    input.owningTeamId ? db.team.findFirst({ where: { id: input.owningTeamId, workspaceId: actor.workspaceId }, select: { id: true, name: true } }) : null,
  ]);
  if (input.ownerId && !owner) throw notFound("Person");
  if (input.owningTeamId && !team) throw notFound("Team");
  if (owner?.status === "DEPARTED") throw new DomainError("INVALID", `${owner.email} has left; choose someone who is still here.`);
  if (identity.ownerId === input.ownerId && identity.owningTeamId === input.owningTeamId && identity.ownerSource === "MANUAL") return { changed: false };

  return db.$transaction(async (tx) => {
    // Conditional on the owner we read: a concurrent change makes this one fail instead of silently winning.
    const updated = await tx.identity.updateMany({
      where: { id: identity.id, workspaceId: actor.workspaceId, ownerId: identity.ownerId, owningTeamId: identity.owningTeamId },
      data: { ownerId: input.ownerId, owningTeamId: input.owningTeamId, ownerSource: "MANUAL", ownerRuleId: null, updatedAt: new Date() },
    });
    if (updated.count === 0) throw new DomainError("CONFLICT", "The owner was changed meanwhile; reload and try again.");
    const detail = { fromUserId: identity.ownerId, toUserId: input.ownerId, fromTeamId: identity.owningTeamId, toTeamId: input.owningTeamId, via: "MANUAL", reason: input.reason ?? null };
    await tx.changeRecord.create({ data: { workspaceId: actor.workspaceId, identityId: identity.id, sourceId: identity.sourceId, kind: "OWNER_CHANGED", detail, actorUserId: actor.type === "USER" ? actor.userId : null } });
    await recordAudit(tx, actor, "identity.owner-changed", { type: "Identity", id: identity.id }, { identity: identity.name, ...detail, toEmail: owner?.email ?? null, toTeam: team?.name ?? null });
    return { changed: true };
  });
}
