import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record-audit";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { DomainError, notFound } from "@/lib/errors";
import type { SetUserStatusInput } from "@/lib/ownership/schema";

/**
 * Marks a person DEPARTED (or ACTIVE again). Every identity they own becomes an orphan at once: an
 * OWNER_CHANGED change record per identity tells the trigger engine, in the same transaction as the
 * status change and its audit event. The status flips only from the other state (conditional update).
 */
export async function setUserStatus(actor: Actor, input: SetUserStatusInput) {
  assertCan(actor, "people:write");
  const user = await db.user.findFirst({ where: { id: input.userId, workspaceId: actor.workspaceId }, select: { id: true, email: true, status: true } });
  if (!user) throw notFound("Person");
  if (actor.type === "USER" && actor.userId === user.id && input.status === "DEPARTED") throw new DomainError("INVALID", "You cannot mark yourself as departed.");
  if (user.status === input.status) return { changed: false, identities: 0 };
  const departing = input.status === "DEPARTED";
  return db.$transaction(async (tx) => {
    const flipped = await tx.user.updateMany({ where: { id: user.id, workspaceId: actor.workspaceId, status: user.status }, data: { status: input.status, departedAt: departing ? new Date() : null } });
    if (flipped.count === 0) throw new DomainError("CONFLICT", "This person's status was changed meanwhile; reload.");
    const owned = await tx.identity.findMany({ where: { workspaceId: actor.workspaceId, ownerId: user.id, status: { not: "REMOVED" } }, select: { id: true, sourceId: true } });
    if (owned.length) {
      await tx.changeRecord.createMany({
        data: owned.map((i) => ({
          workspaceId: actor.workspaceId, identityId: i.id, sourceId: i.sourceId, kind: "OWNER_CHANGED" as const,
          detail: { fromUserId: user.id, toUserId: user.id, ownerStatus: input.status, orphaned: departing },
          actorUserId: actor.type === "USER" ? actor.userId : null,
        })),
      });
    }
    await recordAudit(tx, actor, departing ? "user.departed" : "user.reactivated", { type: "User", id: user.id }, { email: user.email, identities: owned.length });
    return { changed: true, identities: owned.length };
  });
}
