import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record-audit";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { displayPrefix, hashApiKeySecret, newApiKeySecret } from "@/lib/api-keys/secret";
import type { CreateApiKeyInput } from "@/lib/api-keys/schema";

/** Creates a key and returns its secret exactly once; only the SHA-256 of the secret is stored. */
export async function createApiKey(actor: Actor, input: CreateApiKeyInput) {
  assertCan(actor, "settings:manage");
  const secret = newApiKeySecret();
  const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null;
  const key = await db.$transaction(async (tx) => {
    const created = await tx.apiKey.create({
      data: {
        workspaceId: actor.workspaceId,
        name: input.name,
        prefix: displayPrefix(secret),
        hash: hashApiKeySecret(secret),
        scopes: input.scopes,
        expiresAt,
        createdById: actor.type === "USER" ? actor.userId : null,
      },
      select: { id: true, name: true, prefix: true, scopes: true, expiresAt: true },
    });
    await recordAudit(tx, actor, "api-key.created", { type: "ApiKey", id: created.id }, { name: created.name, scopes: created.scopes, expiresAt });
    return created;
  });
  return { ...key, secret };
}
