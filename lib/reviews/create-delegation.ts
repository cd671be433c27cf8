import { db } from "@/lib/db";
import { DomainError, forbidden } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { assertCan, type Actor } from "@/lib/authz/actor";
import type { CreateDelegationInput } from "@/lib/reviews/schema";

/** Out of office: the person names a delegate who may decide their reviews between the two dates. */
export async function createDelegation(actor: Actor, input: CreateDelegationInput) {
  assertCan(actor, "reviews:decide");
  if (actor.type !== "USER") throw forbidden("A person names their own delegate.");
  const delegate = await db.user.findFirst({ where: { workspaceId: actor.workspaceId, email: input.delegateEmail.toLowerCase(), status: "ACTIVE" }, select: { id: true, role: true } });
  if (!delegate) throw new DomainError("INVALID", `Nobody active in this workspace has the email ${input.delegateEmail}.`);
  if (delegate.id === actor.userId) throw new DomainError("INVALID", "Name someone other than yourself.");
  if (delegate.role === "AUDITOR") throw new DomainError("INVALID", "Auditors cannot decide reviews.");
  return db.$transaction(async (tx) => {
    const delegation = await tx.delegation.create({ data: { workspaceId: actor.workspaceId, userId: actor.userId, delegateId: delegate.id, startsAt: input.startsAt, endsAt: input.endsAt } });
    await recordAudit(tx, actor, "delegation.created", { type: "Delegation", id: delegation.id }, { delegateId: delegate.id, startsAt: input.startsAt, endsAt: input.endsAt });
    return delegation;
  });
}
