// Pure: ownership rules as SQL. The rules travel as parallel arrays (bound parameters, never spliced
// into the text) and are matched against "Identity" rows exactly as lib/ownership/rules.ts matches
// them in TypeScript during a sync: same order, same glob, same tag comparison.
import { globRegexSource, type OwnerRuleSpec } from "@/lib/ownership/rules";

export type RuleArrays = [ids: string[], sources: (string | null)[], kinds: (string | null)[], regexes: (string | null)[], tagKeys: (string | null)[], tagValues: (string | null)[], users: (string | null)[], teams: (string | null)[]];

/** The parameter arrays of `rulesRelation`, in rule order. */
export function ruleArrays(rules: readonly OwnerRuleSpec[]): RuleArrays {
  return [
    rules.map((r) => r.id),
    rules.map((r) => r.sourceId),
    rules.map((r) => r.kind),
    rules.map((r) => (r.pattern ? globRegexSource(r.pattern) : null)),
    rules.map((r) => r.tagKey),
    rules.map((r) => r.tagValue),
    rules.map((r) => r.ownerUserId),
    rules.map((r) => r.ownerTeamId),
  ];
}

/** The rules as a relation `r(id, source_id, kind, regex, tag_key, tag_value, owner_user, owner_team, ord)`; `$n` is the first of 8 array parameters. */
export const rulesRelation = (n: number) =>
  `unnest($${n}::text[], $${n + 1}::text[], $${n + 2}::text[], $${n + 3}::text[], $${n + 4}::text[], $${n + 5}::text[], $${n + 6}::text[], $${n + 7}::text[]) WITH ORDINALITY AS r(id, source_id, kind, regex, tag_key, tag_value, owner_user, owner_team, ord)`;

/** Rule `r` matches identity `i` (all of its conditions hold; empty conditions match anything). */
export const RULE_MATCHES = `(r.source_id IS NULL OR r.source_id = i."sourceId")
  AND (r.kind IS NULL OR r.kind = i.kind::text)
  AND (r.regex IS NULL OR i.name ~* r.regex OR i."externalId" ~* r.regex)
  AND (r.tag_key IS NULL OR (jsonb_typeof(i.tags) = 'object' AND i.tags ? r.tag_key AND (r.tag_value IS NULL OR lower(i.tags ->> r.tag_key) = lower(r.tag_value))))`;

/**
 * "Apply rules now": every live identity whose owner is not MANUAL or source-provided (IMPORT) gets
 * the owner of the first matching rule; identities no rule matches keep what they have. One
 * statement: the owner update, an OWNER_CHANGED change record per identity whose owner moved, and
 * the counts. $1 workspaceId, $2 the clock, $3–$10 the rule arrays.
 */
export const APPLY_RULES_SQL = `WITH m AS (
  SELECT i.id, i."sourceId" AS source_id, i."ownerSource" AS owner_source, i."ownerId" AS cur_owner, i."owningTeamId" AS cur_team, x.id AS rule_id, x.owner_user, x.owner_team
  FROM "Identity" i
  CROSS JOIN LATERAL (SELECT r.id, r.owner_user, r.owner_team FROM ${rulesRelation(3)} WHERE ${RULE_MATCHES} ORDER BY r.ord LIMIT 1) x
  WHERE i."workspaceId" = $1 AND i.status <> 'REMOVED'
),
up AS (
  UPDATE "Identity" i SET "ownerId" = m.owner_user, "owningTeamId" = m.owner_team, "ownerSource" = 'RULE', "ownerRuleId" = m.rule_id, "updatedAt" = $2::timestamp
  FROM m
  WHERE i.id = m.id AND (i."ownerSource" IS NULL OR i."ownerSource" = 'RULE')
    AND (i."ownerId", i."owningTeamId", i."ownerSource", i."ownerRuleId") IS DISTINCT FROM (m.owner_user, m.owner_team, 'RULE', m.rule_id)
  RETURNING i.id, m.source_id, m.cur_owner, m.cur_team, m.owner_user, m.owner_team, m.rule_id
),
ch AS (
  INSERT INTO "ChangeRecord" ("workspaceId", "identityId", "sourceId", kind, detail, "occurredAt")
  SELECT $1, id, source_id, 'OWNER_CHANGED'::"ChangeKind",
    jsonb_build_object('fromUserId', cur_owner, 'toUserId', owner_user, 'fromTeamId', cur_team, 'toTeamId', owner_team, 'via', 'RULE', 'ruleId', rule_id), $2::timestamp
  FROM up WHERE (cur_owner, cur_team) IS DISTINCT FROM (owner_user, owner_team)
  RETURNING 1
)
SELECT (SELECT count(*) FROM m)::int AS matched,
  (SELECT count(*) FROM m WHERE owner_source = 'MANUAL')::int AS kept_manual,
  (SELECT count(*) FROM m WHERE owner_source = 'IMPORT')::int AS kept_source,
  (SELECT count(*) FROM up)::int AS updated,
  (SELECT count(*) FROM ch)::int AS owners_changed`;

/** How many live identities each rule matches (in its own right, whatever the order), and how many it owns now. */
export const RULE_COUNTS_SQL = `SELECT r.id,
  (SELECT count(*) FROM "Identity" i WHERE i."workspaceId" = $1 AND i.status <> 'REMOVED' AND ${RULE_MATCHES})::int AS matches
FROM ${rulesRelation(2)}`;
