import { classifyByName } from "@/lib/inventory/classify-entitlement";
import type { IdentityInput } from "@/lib/inventory/schema";
import type { Coverage, NormalizedEntitlement, NormalizedIdentity } from "@/lib/inventory/formats/types";

/** Our own formats (and the push API) describe identities completely and may name owners. */
export const rollcallCoverage = (): Coverage => ({
  attributes: ["name", "kind", "status", "environment", "purpose", "createdAtSource", "createdBy", "tags"],
  credentials: true,
  entitlements: true,
  owners: true,
  removalScope: "all",
  retain: [],
});

/** Classifies by name (AdministratorAccess, cluster-admin, iam:*, admin:org …); explicit flags only add. */
export function rollcallEntitlement(e: { name: string; resource: string; privileged?: boolean; canMint?: boolean; grantedAt: Date | null; grantedBy: string | null }): NormalizedEntitlement {
  const c = classifyByName(e.name, e.resource);
  return {
    name: e.name,
    resource: e.resource,
    privileged: c.privileged || Boolean(e.privileged) || Boolean(e.canMint),
    wildcard: c.wildcard,
    canMint: c.canMint || Boolean(e.canMint),
    grantedAt: e.grantedAt,
    grantedBy: e.grantedBy,
  };
}

/** A validated push/JSON identity as the sync's normalized shape. */
export function identityFromInput(input: IdentityInput, line: number | null): NormalizedIdentity {
  const owner = input.owner && (input.owner.email || input.owner.team) ? { email: input.owner.email ?? null, team: input.owner.team ?? null } : null;
  return {
    line,
    externalId: input.externalId,
    name: input.name,
    kind: input.kind,
    status: input.status,
    environment: input.environment,
    purpose: input.purpose,
    createdAtSource: input.createdAt ?? null,
    createdBy: input.createdBy,
    lastUsedAt: input.lastUsedAt ?? null,
    tags: input.tags,
    owner,
    credentials: input.credentials.map((c) => ({
      externalId: c.externalId,
      kind: c.kind,
      status: c.status,
      createdAt: c.createdAt ?? null,
      lastRotatedAt: c.lastRotatedAt ?? c.createdAt ?? null,
      expiresAt: c.expiresAt ?? null,
      lastUsedAt: c.lastUsedAt ?? null,
    })),
    entitlements: input.entitlements.map((e) => rollcallEntitlement({ ...e, grantedAt: e.grantedAt ?? null })),
  };
}

/** Names that repeat inside one identity: the same credential or entitlement listed twice. */
export function duplicateKeys(identity: NormalizedIdentity): string[] {
  const seen = new Set<string>();
  const dupes: string[] = [];
  for (const c of identity.credentials) {
    if (seen.has(`c:${c.externalId}`)) dupes.push(`credential ${c.externalId}`);
    seen.add(`c:${c.externalId}`);
  }
  for (const e of identity.entitlements) {
    const key = `e:${e.name}\u0000${e.resource}`;
    if (seen.has(key)) dupes.push(`entitlement ${e.name} on ${e.resource}`);
    seen.add(key);
  }
  return dupes;
}
