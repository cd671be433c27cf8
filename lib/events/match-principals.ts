import type { Tx } from "@/lib/db";
import type { PrincipalRef } from "@/lib/events/types";

export type PrincipalMatch = { identityId: string; credentialId: string | null };

/**
 * Maps principals to identities for one ingestion run: by credential external id first (an access key
 * names exactly one identity), then by identity external id. Lookups are batched per chunk of events
 * and remembered for the rest of the run, so a million events cost a few queries, not a million.
 */
export class PrincipalMatcher {
  private byCredential = new Map<string, PrincipalMatch>();
  private byExternalId = new Map<string, string>();
  private lookedCredentials = new Set<string>();
  private lookedExternalIds = new Set<string>();

  constructor(private readonly workspaceId: string) {}

  /** Looks up the principals not looked up before. */
  async load(tx: Tx, refs: Iterable<PrincipalRef | null>): Promise<void> {
    const credentialIds = new Set<string>();
    const externalIds = new Set<string>();
    for (const ref of refs) {
      if (!ref) continue;
      if (ref.credentialId && !this.lookedCredentials.has(ref.credentialId)) credentialIds.add(ref.credentialId);
      for (const id of ref.externalIds) if (!this.lookedExternalIds.has(id)) externalIds.add(id);
    }
    if (credentialIds.size) {
      const rows = await tx.$queryRawUnsafe<{ id: string; externalId: string; identityId: string }[]>(
        `SELECT DISTINCT ON (c."externalId") c.id, c."externalId", c."identityId" FROM "Credential" c
         WHERE c."workspaceId" = $1 AND c."externalId" = ANY($2::text[])
         ORDER BY c."externalId", (c.status <> 'ACTIVE'), c."createdAt" NULLS LAST`,
        this.workspaceId, [...credentialIds],
      );
      for (const r of rows) this.byCredential.set(r.externalId, { identityId: r.identityId, credentialId: r.id });
      for (const id of credentialIds) this.lookedCredentials.add(id);
    }
    if (externalIds.size) {
      // Prefer what the inventory knows over shadows Rollcall discovered itself, and live over removed.
      const rows = await tx.$queryRawUnsafe<{ id: string; externalId: string }[]>(
        `SELECT DISTINCT ON (i."externalId") i.id, i."externalId" FROM "Identity" i
         WHERE i."workspaceId" = $1 AND i."externalId" = ANY($2::text[])
         ORDER BY i."externalId", (i.status = 'REMOVED'), (i."discoveredBy" = 'EVENT'), i."firstSeenAt"`,
        this.workspaceId, [...externalIds],
      );
      for (const r of rows) this.byExternalId.set(r.externalId, r.id);
      for (const id of externalIds) this.lookedExternalIds.add(id);
    }
  }

  match(ref: PrincipalRef | null): PrincipalMatch | null {
    if (!ref) return null;
    if (ref.credentialId) {
      const hit = this.byCredential.get(ref.credentialId);
      if (hit) return hit;
    }
    for (const id of ref.externalIds) {
      const identityId = this.byExternalId.get(id);
      if (identityId) return { identityId, credentialId: null };
    }
    return null;
  }

  remember(ref: PrincipalRef, identityId: string, credentialId: string | null): void {
    for (const id of ref.externalIds) this.byExternalId.set(id, identityId);
    if (ref.credentialId && credentialId) this.byCredential.set(ref.credentialId, { identityId, credentialId });
  }
}

/** The key a shadow identity is stored under: its most specific external id, else its credential id. */
export const shadowKey = (ref: PrincipalRef): string | null => ref.externalIds[0] ?? ref.credentialId ?? null;
