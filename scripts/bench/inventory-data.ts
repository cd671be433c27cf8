// Deterministic synthetic inventory for the benchmark: normalized identities as a parser would hand
// them to the sync, and the same final rows as COPY text for the raw-COPY baseline.
import { blastRadius } from "../../lib/inventory/blast-radius";
import { rollcallEntitlement } from "../../lib/inventory/formats/rollcall-identity";
import type { NormalizedIdentity } from "../../lib/inventory/formats/types";
import { copyField, newIdentityId, oldestCredentialAt, ownerFor, type StageContext } from "../../lib/inventory/sync/stage-rows";
import type { IdentityKind } from "../../prisma/generated/enums";

const KINDS: IdentityKind[] = ["SERVICE_ACCOUNT", "API_KEY", "OAUTH_APP", "TOKEN", "CERTIFICATE", "DEPLOY_KEY", "WORKLOAD", "AI_AGENT", "BOT"];
const ENVS = ["prod", "staging", "dev"];
const DAY = 86_400_000;

function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** n identities, each with one access key and three entitlements; 70% name an owner, ~5% are admins. */
export function generateIdentities(n: number, ownerEmails: string[], now = new Date("2026-11-01T00:00:00Z")): NormalizedIdentity[] {
  const rand = prng(7);
  const out: NormalizedIdentity[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const created = new Date(now.getTime() - Math.floor(rand() * 900) * DAY);
    const rotated = new Date(now.getTime() - Math.floor(rand() * 500) * DAY);
    const used = rand() < 0.1 ? null : new Date(now.getTime() - Math.floor(rand() * 400) * DAY);
    const roll = rand();
    const admin = rand() < 0.05;
    const app = `app-${i % 50}`;
    out[i] = {
      line: i + 2,
      externalId: `bench:${i}`,
      name: `svc-${String(i).padStart(7, "0")}`,
      kind: KINDS[i % KINDS.length]!,
      status: "ACTIVE",
      environment: ENVS[Math.floor(rand() * ENVS.length)]!,
      purpose: null,
      createdAtSource: created,
      createdBy: "terraform",
      lastUsedAt: used,
      tags: { team: `team-${i % 20}` },
      owner: roll < 0.7 ? { email: ownerEmails[i % ownerEmails.length]!, team: null } : null,
      credentials: [{ externalId: `bench:${i}#key-1`, kind: "ACCESS_KEY", status: "ACTIVE", createdAt: rotated, lastRotatedAt: rotated, expiresAt: null, lastUsedAt: used }],
      entitlements: [
        rollcallEntitlement({ name: `${app}:read`, resource: `arn:aws:s3:::bucket-${i % 1000}/*`, grantedAt: created, grantedBy: "terraform" }),
        rollcallEntitlement({ name: `${app}:write`, resource: `queue-${i % 300}`, grantedAt: created, grantedBy: "terraform" }),
        admin ? rollcallEntitlement({ name: "AdministratorAccess", resource: "*", grantedAt: created, grantedBy: "terraform" }) : rollcallEntitlement({ name: "logs:read", resource: `logs-${i % 10}`, grantedAt: created, grantedBy: "terraform" }),
      ],
    };
  }
  return out;
}

const line = (values: Parameters<typeof copyField>[0][]) => `${values.map(copyField).join("\t")}\n`;

/** The same final rows as the sync writes, as COPY text in ~1 MB chunks per table (prepared before timing). */
export function rawCopyText(identities: NormalizedIdentity[], ids: { workspaceId: string; sourceId: string; syncId: string }, ctx: StageContext, at: Date) {
  const chunks = { identity: [] as string[], credential: [] as string[], entitlement: [] as string[] };
  const buffers = { identity: "", credential: "", entitlement: "" };
  const push = (table: keyof typeof buffers, text: string) => {
    buffers[table] += text;
    if (buffers[table].length > 1024 * 1024) {
      chunks[table].push(buffers[table]);
      buffers[table] = "";
    }
  };
  for (const identity of identities) {
    const id = newIdentityId();
    const blast = blastRadius({ externalId: identity.externalId, environment: identity.environment, entitlements: identity.entitlements });
    const { owner } = ownerFor(identity, ctx);
    push("identity", line([id, ids.workspaceId, ids.sourceId, identity.kind, identity.externalId, identity.name, identity.environment, identity.purpose, owner?.ownerId, owner?.owningTeamId, identity.status,
      blast.flags.includes("privileged"), blast.flags, identity.tags, blast.score, identity.createdAtSource, identity.createdBy, identity.lastUsedAt, "IMPORT", at, at, at,
      owner?.source, owner?.ruleId, ids.syncId, ids.syncId, oldestCredentialAt(identity)]));
    for (const c of identity.credentials) push("credential", line([ids.workspaceId, id, c.externalId, c.kind, c.status, c.createdAt, c.lastRotatedAt, c.expiresAt, c.lastUsedAt, at]));
    for (const e of identity.entitlements) push("entitlement", line([ids.workspaceId, id, e.name, e.resource, e.privileged, e.wildcard, e.canMint, "ACTIVE", e.grantedAt, e.grantedBy]));
  }
  for (const table of Object.keys(buffers) as (keyof typeof buffers)[]) if (buffers[table]) chunks[table].push(buffers[table]);
  return {
    chunks,
    statements: {
      identity: `COPY "Identity" (id, "workspaceId", "sourceId", kind, "externalId", name, environment, purpose, "ownerId", "owningTeamId", status, privileged, "riskFlags", tags, "blastRadius", "createdAtSource", "createdBy", "lastUsedAt", "discoveredBy", "firstSeenAt", "lastSeenAt", "updatedAt", "ownerSource", "ownerRuleId", "firstSyncId", "lastSyncId", "oldestCredentialAt") FROM STDIN`,
      credential: `COPY "Credential" ("workspaceId", "identityId", "externalId", kind, status, "createdAt", "lastRotatedAt", "expiresAt", "lastUsedAt", "updatedAt") FROM STDIN`,
      entitlement: `COPY "Entitlement" ("workspaceId", "identityId", name, resource, privileged, wildcard, "canMint", status, "grantedAt", "grantedBy") FROM STDIN`,
    },
  };
}
