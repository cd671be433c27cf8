/** The identity as the reviewer saw it: frozen onto the review item so later syncs cannot rewrite history. */
export type IdentitySnapshot = {
  takenAt: string;
  identity: { id: string; externalId: string; name: string; kind: string; environment: string | null; status: string; privileged: boolean; blastRadius: number; ownerId: string | null; lastUsedAt: string | null; sourceId: string };
  credentials: { id: string; externalId: string; kind: string; status: string; createdAt: string | null; lastUsedAt: string | null; expiresAt: string | null }[];
  entitlements: { id: string; name: string; resource: string; privileged: boolean; canMint: boolean }[];
  /** Who and where, as the reviewer saw it (added by review items opened since issue 5; older snapshots lack it). */
  context?: SnapshotContext;
};

export type SnapshotContext = {
  ownerName: string | null;
  ownerEmail: string | null;
  ownerStatus: string | null;
  teamName: string | null;
  sourceName: string;
  sourceKind: string;
  sourceSyncedAt: string | null;
  purpose: string | null;
};

type Row = { [k: string]: unknown };
const iso = (d: unknown) => (d instanceof Date ? d.toISOString() : null);

export function snapshotOf(
  identity: Row & { id: string; externalId: string; name: string; kind: string; environment: string | null; status: string; privileged: boolean; blastRadius: number; ownerId: string | null; lastUsedAt: Date | null; sourceId: string },
  credentials: (Row & { id: string; externalId: string; kind: string; status: string; createdAt: Date | null; lastUsedAt: Date | null; expiresAt: Date | null })[],
  entitlements: (Row & { id: string; name: string; resource: string; privileged: boolean; canMint: boolean })[],
  now = new Date(),
): IdentitySnapshot {
  return {
    takenAt: now.toISOString(),
    identity: {
      id: identity.id, externalId: identity.externalId, name: identity.name, kind: identity.kind, environment: identity.environment, status: identity.status,
      privileged: identity.privileged, blastRadius: identity.blastRadius, ownerId: identity.ownerId, lastUsedAt: iso(identity.lastUsedAt), sourceId: identity.sourceId,
    },
    credentials: credentials.map((c) => ({ id: c.id, externalId: c.externalId, kind: c.kind, status: c.status, createdAt: iso(c.createdAt), lastUsedAt: iso(c.lastUsedAt), expiresAt: iso(c.expiresAt) })),
    entitlements: entitlements.map((e) => ({ id: e.id, name: e.name, resource: e.resource, privileged: e.privileged, canMint: e.canMint })),
  };
}
