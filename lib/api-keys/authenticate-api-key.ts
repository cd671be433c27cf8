import { db } from "@/lib/db";
import type { ApiKeyActor } from "@/lib/authz/actor";
import { hashApiKeySecret, looksLikeApiKey } from "@/lib/api-keys/secret";

/** Resolves a bearer secret to its workspace-scoped actor; revoked, expired or unknown keys give null. */
export async function authenticateApiKey(secret: string, now = new Date()): Promise<ApiKeyActor | null> {
  if (!looksLikeApiKey(secret)) return null;
  const key = await db.apiKey.findUnique({ where: { hash: hashApiKeySecret(secret) } });
  if (!key || key.revokedAt || (key.expiresAt && key.expiresAt <= now)) return null;
  // Last use is advisory; a lost update under concurrency is harmless, so no transaction.
  await db.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: now } });
  return { type: "API_KEY", workspaceId: key.workspaceId, apiKeyId: key.id, scopes: key.scopes, label: `api-key:${key.name}` };
}
