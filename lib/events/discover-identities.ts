import type { Tx } from "@/lib/db";
import type { SourceKind } from "@/prisma/generated/enums";
import type { PrincipalRef } from "@/lib/events/types";
import { shadowKey } from "@/lib/events/match-principals";

/** The source that holds identities discovered from one log format, created on first use. */
export async function ensureDiscoverySource(tx: Tx, workspaceId: string, format: string, kind: SourceKind, logName: string): Promise<string> {
  const name = `Discovered from ${logName.replace(/^the /, "")}`;
  await tx.$executeRawUnsafe(
    `INSERT INTO "Source" ("workspaceId", name, kind, "externalRef") VALUES ($1, $2, $3::"SourceKind", $4) ON CONFLICT ("workspaceId", name) DO NOTHING`,
    workspaceId, name, kind, `events:${format}`,
  );
  const rows = await tx.$queryRawUnsafe<{ id: string }[]>(`SELECT id FROM "Source" WHERE "workspaceId" = $1 AND name = $2`, workspaceId, name);
  return rows[0]!.id;
}

export type Discovered = { identityId: string; credentialId: string | null; created: boolean };

/**
 * Creates shadow identities (discoveredBy EVENT, no owner) for principals that match nothing, with their
 * long-lived credential when the log names one. Idempotent: a principal already discovered is returned,
 * not created again (`created` tells the two apart, so only the first sighting fires "new identity").
 */
export async function discoverIdentities(tx: Tx, workspaceId: string, sourceId: string, refs: { ref: PrincipalRef; seenAt: Date }[]): Promise<Map<string, Discovered>> {
  const byKey = new Map<string, { ref: PrincipalRef; seenAt: Date }>();
  for (const r of refs) {
    const key = shadowKey(r.ref);
    if (!key) continue;
    const cur = byKey.get(key);
    if (!cur || r.seenAt < cur.seenAt) byKey.set(key, r);
  }
  const out = new Map<string, Discovered>();
  if (!byKey.size) return out;
  const keys = [...byKey.keys()];
  const inserted = await tx.$queryRawUnsafe<{ id: string; externalId: string }[]>(
    `INSERT INTO "Identity" ("workspaceId", "sourceId", kind, "externalId", name, "discoveredBy", "firstSeenAt", "lastSeenAt")
     SELECT $1, $2, u.kind::"IdentityKind", u.ext, u.name, 'EVENT', u.seen, u.seen
     FROM unnest($3::text[], $4::text[], $5::text[], $6::timestamptz[]) AS u(ext, name, kind, seen)
     ON CONFLICT ("sourceId", "externalId") DO NOTHING
     RETURNING id, "externalId"`,
    workspaceId, sourceId, keys, keys.map((k) => byKey.get(k)!.ref.name.slice(0, 200)), keys.map((k) => byKey.get(k)!.ref.kind), keys.map((k) => byKey.get(k)!.seenAt),
  );
  const created = new Set(inserted.map((r) => r.externalId));
  const all = inserted.length === keys.length ? inserted : await tx.$queryRawUnsafe<{ id: string; externalId: string }[]>(
    `SELECT id, "externalId" FROM "Identity" WHERE "sourceId" = $1 AND "externalId" = ANY($2::text[])`, sourceId, keys,
  );
  const withKeys = keys.filter((k) => byKey.get(k)!.ref.credentialId && byKey.get(k)!.ref.credentialKind);
  const idOf = new Map(all.map((r) => [r.externalId, r.id]));
  const creds = new Map<string, string>();
  if (withKeys.length) {
    await tx.$executeRawUnsafe(
      `INSERT INTO "Credential" ("workspaceId", "identityId", "externalId", kind, status, "lastUsedAt")
       SELECT $1, u.identity, u.ext, u.kind::"CredentialKind", 'ACTIVE', u.seen FROM unnest($2::text[], $3::text[], $4::text[], $5::timestamptz[]) AS u(identity, ext, kind, seen)
       ON CONFLICT ("identityId", "externalId") DO NOTHING`,
      workspaceId, withKeys.map((k) => idOf.get(k)!), withKeys.map((k) => byKey.get(k)!.ref.credentialId!), withKeys.map((k) => byKey.get(k)!.ref.credentialKind!), withKeys.map((k) => byKey.get(k)!.seenAt),
    );
    const rows = await tx.$queryRawUnsafe<{ id: string; identityId: string }[]>(
      `SELECT id, "identityId" FROM "Credential" WHERE "identityId" = ANY($1::text[]) AND "externalId" = ANY($2::text[])`,
      withKeys.map((k) => idOf.get(k)!), withKeys.map((k) => byKey.get(k)!.ref.credentialId!),
    );
    for (const r of rows) creds.set(r.identityId, r.id);
  }
  for (const k of keys) {
    const identityId = idOf.get(k);
    if (identityId) out.set(k, { identityId, credentialId: creds.get(identityId) ?? null, created: created.has(k) });
  }
  return out;
}
