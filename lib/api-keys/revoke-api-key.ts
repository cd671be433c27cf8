import { db } from "@/lib/db";
import { DomainError, notFound } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { assertCan, type Actor } from "@/lib/authz/actor";
import type { RevokeApiKeyInput } from "@/lib/api-keys/schema";

/** Revokes a key of the actor's workspace; a key is revoked once, and another workspace's key is "not found". */
export async function revokeApiKey(actor: Actor, input: RevokeApiKeyInput) {
  assertCan(actor, "settings:manage");
  return db.$transaction(async (tx) => {
    const revoked = await tx.apiKey.updateMany({
      where: { id: input.apiKeyId, workspaceId: actor.workspaceId, revokedAt: null },
      data: { revokedAt: new Date(), revokedById: actor.type === "USER" ? actor.userId : null },
    });
    if (revoked.count === 0) {
      const exists = await tx.apiKey.count({ where: { id: input.apiKeyId, workspaceId: actor.workspaceId } });
      throw exists ? new DomainError("CONFLICT", "This key was already revoked.") : notFound("API key");
    }
    await recordAudit(tx, actor, "api-key.revoked", { type: "ApiKey", id: input.apiKeyId });
  });
}
