import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record-audit";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { DomainError } from "@/lib/errors";
import type { CreateSourceInput } from "@/lib/inventory/schema";

/** A new source of identities; names are unique per workspace (the database enforces it). */
export async function createSource(actor: Actor, input: CreateSourceInput) {
  assertCan(actor, "inventory:write");
  try {
    return await db.$transaction(async (tx) => {
      const source = await tx.source.create({ data: { workspaceId: actor.workspaceId, name: input.name, kind: input.kind, externalRef: input.externalRef ?? null } });
      await recordAudit(tx, actor, "source.created", { type: "Source", id: source.id }, { name: source.name, kind: source.kind });
      return source;
    });
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") throw new DomainError("CONFLICT", `A source named “${input.name}” already exists.`);
    throw error;
  }
}
