// The set-based SQL of one sync. Parameters: $1 workspaceId, $2 sourceId, $3 syncId, $4 discoveredBy,
// $5 the sync's clock (timestamp, UTC). Builders are pure so the statements can be read and tested.
import type { Coverage, IdentityAttribute } from "@/lib/inventory/formats/types";

const has = (c: Coverage, a: IdentityAttribute) => c.attributes.includes(a);

/** Each identity column as the sync leaves it: the file's value where the format provides it, else the current one. */
export function identityColumns(c: Coverage): string {
  const keep = (current: string, fallback = "NULL") => `COALESCE(cur.${current}, ${fallback})`;
  const pick = (a: IdentityAttribute, stage: string, current: string) => (has(c, a) ? `s.${stage}` : keep(current));
  const manual = `(cur."ownerSource" = 'MANUAL' OR s.owner_source IS NULL)`;
  return [
    `s.line`, `s.ext`, `COALESCE(cur.id, s.pid) AS id`, `cur.id AS cur_id`, `cur.status::text AS cur_status`, `cur."ownerId" AS cur_owner`, `cur."owningTeamId" AS cur_team`,
    `${pick("name", "name", `name`)} AS name`,
    `${pick("kind", "kind", `kind::text`)} AS kind`,
    has(c, "status") ? `s.status AS status` : `CASE WHEN cur.status IS NULL OR cur.status = 'REMOVED' THEN 'ACTIVE' ELSE cur.status::text END AS status`,
    `${pick("environment", "environment", "environment")} AS environment`,
    `${pick("purpose", "purpose", "purpose")} AS purpose`,
    `${pick("createdAtSource", "created_at_source", `"createdAtSource"`)} AS created_at_source`,
    `${pick("createdBy", "created_by", `"createdBy"`)} AS created_by`,
    `GREATEST(cur."lastUsedAt", s.last_used_at) AS last_used_at`,
    `${has(c, "tags") ? "s.tags" : keep("tags", `'{}'::jsonb`)} AS tags`,
    `${c.entitlements ? "s.privileged" : keep("privileged", "false")} AS privileged`,
    `${c.entitlements ? "s.risk_flags" : keep(`"riskFlags"`, `'{}'::text[]`)} AS risk_flags`,
    `${c.entitlements ? "s.blast_radius" : keep(`"blastRadius"`, "0")} AS blast_radius`,
    `${c.credentials ? "s.oldest_credential_at" : `cur."oldestCredentialAt"`} AS oldest_credential_at`,
    `CASE WHEN ${manual} THEN cur."ownerId" ELSE s.owner_id END AS owner_id`,
    `CASE WHEN ${manual} THEN cur."owningTeamId" ELSE s.owning_team_id END AS owning_team_id`,
    `CASE WHEN ${manual} THEN cur."ownerSource" ELSE s.owner_source END AS owner_source`,
    `CASE WHEN ${manual} THEN cur."ownerRuleId" ELSE s.owner_rule_id END AS owner_rule_id`,
  ].join(",\n  ");
}

/** Diff basis: every identity of the file beside its current row (null when new). */
export const createIdentityDiff = (c: Coverage) => `CREATE TEMP TABLE rc_identity ON COMMIT DROP AS
SELECT ${identityColumns(c)}
FROM rc_stage s LEFT JOIN "Identity" cur ON cur."sourceId" = $2 AND cur."externalId" = s.ext
WHERE s.rec = 'i'`;

const IDENTITY_INSERT_COLUMNS = `id, "workspaceId", "sourceId", kind, "externalId", name, environment, purpose, "ownerId", "owningTeamId", status, privileged, "riskFlags", tags, "blastRadius", "createdAtSource", "createdBy", "lastUsedAt", "discoveredBy", "firstSeenAt", "lastSeenAt", "updatedAt", "ownerSource", "ownerRuleId", "firstSyncId", "lastSyncId", "oldestCredentialAt"`;

export const insertNewIdentities = `INSERT INTO "Identity" (${IDENTITY_INSERT_COLUMNS})
SELECT id, $1, $2, kind::"IdentityKind", ext, name, environment, purpose, owner_id, owning_team_id, status::"IdentityStatus", privileged, risk_flags, tags, blast_radius,
  created_at_source, created_by, last_used_at, $4::"DiscoveredBy", $5::timestamp, $5::timestamp, $5::timestamp, owner_source, owner_rule_id, $3, $3, oldest_credential_at
FROM rc_identity WHERE cur_id IS NULL`;

/** First load of an empty source: no current rows to compare with, so identities go straight in. */
export const insertIdentitiesBaseline = (c: Coverage) => `INSERT INTO "Identity" (${IDENTITY_INSERT_COLUMNS})
SELECT id, $1, $2, kind::"IdentityKind", ext, name, environment, purpose, owner_id, owning_team_id, status::"IdentityStatus", privileged, risk_flags, tags, blast_radius,
  created_at_source, created_by, last_used_at, $4::"DiscoveredBy", $5::timestamp, $5::timestamp, $5::timestamp, owner_source, owner_rule_id, $3, $3, oldest_credential_at
FROM (SELECT ${identityColumns(c)} FROM rc_stage s LEFT JOIN "Identity" cur ON false WHERE s.rec = 'i') x`;

const CHANGE = `INSERT INTO "ChangeRecord" ("workspaceId", "identityId", "sourceId", "syncId", kind, detail, "occurredAt")`;

export const recordIdentitiesAdded = `${CHANGE}
SELECT $1, id, $2, $3, 'IDENTITY_ADDED'::"ChangeKind", jsonb_build_object('externalId', ext, 'reappeared', cur_id IS NOT NULL), $5::timestamp
FROM rc_identity WHERE cur_id IS NULL OR cur_status = 'REMOVED'`;

export const recordOwnersChanged = `WITH ch AS (${CHANGE}
SELECT $1, id, $2, $3, 'OWNER_CHANGED'::"ChangeKind",
  jsonb_build_object('fromUserId', cur_owner, 'toUserId', owner_id, 'fromTeamId', cur_team, 'toTeamId', owning_team_id, 'via', owner_source, 'ruleId', owner_rule_id), $5::timestamp
FROM rc_identity WHERE cur_id IS NOT NULL AND cur_status <> 'REMOVED' AND (cur_owner, cur_team) IS DISTINCT FROM (owner_id, owning_team_id)
RETURNING 1) SELECT count(*)::int AS n FROM ch`;

/** Existing identities whose row differs; an owner set by hand meanwhile (MANUAL) is re-read and kept. */
export const updateChangedIdentities = `WITH up AS (
UPDATE "Identity" i SET kind = s.kind::"IdentityKind", name = s.name, status = s.status::"IdentityStatus", environment = s.environment, purpose = s.purpose,
  "createdAtSource" = s.created_at_source, "createdBy" = s.created_by, "lastUsedAt" = s.last_used_at, tags = s.tags, privileged = s.privileged,
  "riskFlags" = s.risk_flags, "blastRadius" = s.blast_radius, "oldestCredentialAt" = s.oldest_credential_at,
  "ownerId" = CASE WHEN i."ownerSource" = 'MANUAL' THEN i."ownerId" ELSE s.owner_id END,
  "owningTeamId" = CASE WHEN i."ownerSource" = 'MANUAL' THEN i."owningTeamId" ELSE s.owning_team_id END,
  "ownerRuleId" = CASE WHEN i."ownerSource" = 'MANUAL' THEN i."ownerRuleId" ELSE s.owner_rule_id END,
  "ownerSource" = CASE WHEN i."ownerSource" = 'MANUAL' THEN i."ownerSource" ELSE s.owner_source END,
  "lastSeenAt" = $5::timestamp, "updatedAt" = $5::timestamp, "lastSyncId" = $3
FROM rc_identity s
WHERE i.id = s.cur_id AND ROW(i.kind::text, i.name, i.status::text, i.environment, i.purpose, i."createdAtSource", i."createdBy", i."lastUsedAt", i.tags, i.privileged, i."riskFlags", i."blastRadius", i."oldestCredentialAt", i."ownerId", i."owningTeamId", i."ownerSource", i."ownerRuleId")
  IS DISTINCT FROM ROW(s.kind, s.name, s.status, s.environment, s.purpose, s.created_at_source, s.created_by, s.last_used_at, s.tags, s.privileged, s.risk_flags, s.blast_radius, s.oldest_credential_at, s.owner_id, s.owning_team_id, s.owner_source, s.owner_rule_id)
RETURNING i.id, s.cur_status)
INSERT INTO rc_touched (id, reappeared) SELECT id, cur_status = 'REMOVED' FROM up`;

/** Snapshot mode: identities of the format's scope missing from the file become REMOVED (never deleted). */
export function removeMissingIdentities(c: Coverage, recordChanges: boolean): string {
  const scope = c.removalScope === "all" ? "true" : `i."externalId" LIKE ANY ($6::text[])`;
  return `WITH rm AS (
UPDATE "Identity" i SET status = 'REMOVED', "updatedAt" = $5::timestamp, "lastSyncId" = $3
WHERE i."sourceId" = $2 AND i.status <> 'REMOVED' AND i."discoveredBy" <> 'EVENT' AND ${scope}
  AND NOT (i."externalId" = ANY ($7::text[]))
  AND NOT EXISTS (SELECT 1 FROM rc_identity s WHERE s.ext = i."externalId")
RETURNING i.id, i."externalId"),
ch AS (${recordChanges ? `${CHANGE} SELECT $1, id, $2, $3, 'IDENTITY_REMOVED'::"ChangeKind", jsonb_build_object('externalId', "externalId"), $5::timestamp FROM rm RETURNING 1` : "SELECT 1 WHERE false"}),
rc AS (UPDATE "Credential" c SET status = 'REMOVED', "removedAt" = $5::timestamp, "updatedAt" = $5::timestamp FROM rm WHERE c."identityId" = rm.id AND c.status <> 'REMOVED' RETURNING 1),
re AS (UPDATE "Entitlement" e SET status = 'REMOVED', "removedAt" = $5::timestamp FROM rm WHERE e."identityId" = rm.id AND e.status <> 'REMOVED' RETURNING 1)
SELECT (SELECT count(*) FROM rm)::int AS n, (SELECT count(*) FROM ch)::int AS changes, (SELECT count(*) FROM rc)::int AS credentials, (SELECT count(*) FROM re)::int AS entitlements`;
}

// Credentials ---------------------------------------------------------------------------------

export const insertCredentialsBaseline = `INSERT INTO "Credential" ("workspaceId", "identityId", "externalId", kind, status, "createdAt", "lastRotatedAt", "expiresAt", "lastUsedAt", "updatedAt")
SELECT $1, s.pid, s.c_ext, s.c_kind::"CredentialKind", s.c_status::"CredentialStatus", s.c_created_at, s.c_rotated_at, s.c_expires_at, s.c_last_used_at, $5::timestamp
FROM rc_stage s WHERE s.rec = 'c'`;

export const createCredentialDiff = `CREATE TEMP TABLE rc_credential ON COMMIT DROP AS
SELECT si.id AS identity_id, s.c_ext AS ext, s.c_kind AS kind, s.c_status AS status, s.c_created_at AS created_at, s.c_rotated_at AS rotated_at,
  s.c_expires_at AS expires_at, s.c_last_used_at AS last_used_at, c.id AS cur_id, c.status::text AS cur_status, c."lastRotatedAt" AS cur_rotated
FROM rc_stage s JOIN rc_identity si ON si.ext = s.ext
LEFT JOIN "Credential" c ON c."identityId" = si.cur_id AND c."externalId" = s.c_ext
WHERE s.rec = 'c'`;

export const recordCredentialsCreated = `WITH ch AS (${CHANGE}
SELECT $1, identity_id, $2, $3, 'CREDENTIAL_CREATED'::"ChangeKind", jsonb_build_object('credential', ext, 'kind', kind, 'createdAt', created_at), $5::timestamp
FROM rc_credential WHERE cur_id IS NULL OR cur_status = 'REMOVED' RETURNING 1) SELECT count(*)::int AS n FROM ch`;

/** A credential whose rotation date moved (an AWS key slot holding a new key) was rotated. */
export const recordCredentialsRotated = `WITH ch AS (${CHANGE}
SELECT $1, identity_id, $2, $3, 'CREDENTIAL_ROTATED'::"ChangeKind", jsonb_build_object('credential', ext, 'from', cur_rotated, 'to', rotated_at), $5::timestamp
FROM rc_credential WHERE cur_id IS NOT NULL AND cur_status <> 'REMOVED' AND cur_rotated IS NOT NULL AND rotated_at IS NOT NULL AND rotated_at <> cur_rotated
RETURNING 1) SELECT count(*)::int AS n FROM ch`;

export const insertNewCredentials = `INSERT INTO "Credential" ("workspaceId", "identityId", "externalId", kind, status, "createdAt", "lastRotatedAt", "expiresAt", "lastUsedAt", "updatedAt")
SELECT $1, identity_id, ext, kind::"CredentialKind", status::"CredentialStatus", created_at, rotated_at, expires_at, last_used_at, $5::timestamp
FROM rc_credential WHERE cur_id IS NULL`;

export const updateChangedCredentials = `UPDATE "Credential" c SET kind = s.kind::"CredentialKind", status = s.status::"CredentialStatus", "createdAt" = s.created_at, "lastRotatedAt" = s.rotated_at,
  "expiresAt" = s.expires_at, "lastUsedAt" = GREATEST(c."lastUsedAt", s.last_used_at), "removedAt" = NULL, "updatedAt" = $5::timestamp
FROM rc_credential s
WHERE c.id = s.cur_id AND ROW(c.kind::text, c.status::text, c."createdAt", c."lastRotatedAt", c."expiresAt", c."lastUsedAt", c."removedAt")
  IS DISTINCT FROM ROW(s.kind, s.status, s.created_at, s.rotated_at, s.expires_at, GREATEST(c."lastUsedAt", s.last_used_at), NULL::timestamp)`;

export const removeMissingCredentials = `WITH gone AS (
UPDATE "Credential" c SET status = 'REMOVED', "removedAt" = $5::timestamp, "updatedAt" = $5::timestamp
FROM rc_identity si
WHERE c."identityId" = si.cur_id AND c.status <> 'REMOVED' AND NOT EXISTS (SELECT 1 FROM rc_credential rc WHERE rc.cur_id = c.id)
RETURNING c."identityId", c."externalId", c.kind),
ch AS (${CHANGE} SELECT $1, "identityId", $2, $3, 'CREDENTIAL_REMOVED'::"ChangeKind", jsonb_build_object('credential', "externalId", 'kind', kind), $5::timestamp FROM gone RETURNING 1)
SELECT count(*)::int AS n FROM ch`;

// Entitlements --------------------------------------------------------------------------------

export const insertEntitlementsBaseline = `INSERT INTO "Entitlement" ("workspaceId", "identityId", name, resource, privileged, wildcard, "canMint", status, "grantedAt", "grantedBy")
SELECT $1, s.pid, s.e_name, s.e_resource, s.e_privileged, s.e_wildcard, s.e_can_mint, 'ACTIVE', s.e_granted_at, s.e_granted_by
FROM rc_stage s WHERE s.rec = 'e'`;

export const createEntitlementDiff = `CREATE TEMP TABLE rc_entitlement ON COMMIT DROP AS
SELECT si.id AS identity_id, s.e_name AS name, s.e_resource AS resource, s.e_privileged AS privileged, s.e_wildcard AS wildcard, s.e_can_mint AS can_mint,
  s.e_granted_at AS granted_at, s.e_granted_by AS granted_by, e.id AS cur_id, e.status::text AS cur_status
FROM rc_stage s JOIN rc_identity si ON si.ext = s.ext
LEFT JOIN "Entitlement" e ON e."identityId" = si.cur_id AND e.name = s.e_name AND e.resource = s.e_resource
WHERE s.rec = 'e'`;

export const recordEntitlementsGranted = `WITH ch AS (${CHANGE}
SELECT $1, identity_id, $2, $3, 'ENTITLEMENT_GRANTED'::"ChangeKind", jsonb_build_object('name', name, 'resource', resource, 'privileged', privileged, 'canMint', can_mint), $5::timestamp
FROM rc_entitlement WHERE cur_id IS NULL OR cur_status = 'REMOVED' RETURNING 1) SELECT count(*)::int AS n FROM ch`;

export const insertNewEntitlements = `INSERT INTO "Entitlement" ("workspaceId", "identityId", name, resource, privileged, wildcard, "canMint", status, "grantedAt", "grantedBy")
SELECT $1, identity_id, name, resource, privileged, wildcard, can_mint, 'ACTIVE', granted_at, granted_by FROM rc_entitlement WHERE cur_id IS NULL`;

export const updateChangedEntitlements = `UPDATE "Entitlement" e SET privileged = s.privileged, wildcard = s.wildcard, "canMint" = s.can_mint, status = 'ACTIVE',
  "grantedAt" = COALESCE(s.granted_at, e."grantedAt"), "grantedBy" = COALESCE(s.granted_by, e."grantedBy"), "removedAt" = NULL
FROM rc_entitlement s
WHERE e.id = s.cur_id AND ROW(e.privileged, e.wildcard, e."canMint", e.status::text, e."grantedAt", e."grantedBy", e."removedAt")
  IS DISTINCT FROM ROW(s.privileged, s.wildcard, s.can_mint, 'ACTIVE', COALESCE(s.granted_at, e."grantedAt"), COALESCE(s.granted_by, e."grantedBy"), NULL::timestamp)`;

export const removeMissingEntitlements = `WITH gone AS (
UPDATE "Entitlement" e SET status = 'REMOVED', "removedAt" = $5::timestamp
FROM rc_identity si
WHERE e."identityId" = si.cur_id AND e.status <> 'REMOVED' AND NOT EXISTS (SELECT 1 FROM rc_entitlement re WHERE re.cur_id = e.id)
RETURNING e."identityId", e.name, e.resource, e.privileged),
ch AS (${CHANGE} SELECT $1, "identityId", $2, $3, 'ENTITLEMENT_REMOVED'::"ChangeKind", jsonb_build_object('name', name, 'resource', resource, 'privileged', privileged), $5::timestamp FROM gone RETURNING 1)
SELECT count(*)::int AS n FROM ch`;

// Totals --------------------------------------------------------------------------------------

/** Identities already present whose row, owner, credentials or entitlements changed in this sync. */
export const countChangedIdentities = `SELECT count(*)::int AS n FROM (
  SELECT id FROM rc_touched WHERE NOT reappeared
  UNION SELECT "identityId" FROM "ChangeRecord" WHERE "syncId" = $3 AND kind NOT IN ('IDENTITY_ADDED', 'IDENTITY_REMOVED')
) t WHERE NOT EXISTS (SELECT 1 FROM rc_identity s WHERE s.id = t.id AND (s.cur_id IS NULL OR s.cur_status = 'REMOVED'))`;

export const markChildChangedIdentities = `UPDATE "Identity" SET "lastSyncId" = $3, "updatedAt" = $5::timestamp
WHERE id IN (SELECT "identityId" FROM "ChangeRecord" WHERE "syncId" = $3) AND "lastSyncId" IS DISTINCT FROM $3`;
