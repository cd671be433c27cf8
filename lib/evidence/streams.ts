import type { PackReader } from "@/lib/evidence/reader";
import { FACT_JOINS, ITEMS_FROM, RE_REVIEWED, SELF_REVIEW, SELF_REVIEW_JOIN, scopeWhere, type PackScope } from "@/lib/evidence/scope";
import { findingRow, reviewerMetricsRow, type FindingRow, type ReviewerMetricsRow } from "@/lib/evidence/normalize";

// The row sources of the pack's files. Small ones (findings, reviewer metrics, the audit log) through a
// server-side cursor, normalized batch by batch in JavaScript; the large ones formatted by PostgreSQL.

export type RowBatches = AsyncIterable<string[][]>;

async function* mapped<T>(batches: AsyncIterable<T[]>, map: (row: T) => string[][]): RowBatches {
  for await (const batch of batches) yield batch.flatMap(map);
}

// snapshot.csv, decisions.csv, remediation.csv and exceptions.csv hold one row per item, entitlement or
// decision (250,000+ in a large campaign): PostgreSQL formats them (COPY … TO STDOUT, CSV) so no row
// passes through JavaScript. Conventions as in normalize.ts: instants ISO 8601 UTC with milliseconds,
// booleans "true"/"false", absent values empty. The columns follow the *_HEADER lists in normalize.ts.

/** A timestamp(3) column (UTC wall time) as ISO 8601 with a Z, like Date.toISOString(). */
export const iso = (column: string) => `to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
/** An ISO instant passed as a parameter, as a UTC timestamp comparable with the columns. */
const at = (param: string) => `(${param}::timestamptz AT TIME ZONE 'UTC')`;
const jsonArray = (expr: string) => `(CASE WHEN jsonb_typeof(${expr}) = 'array' THEN ${expr} ELSE '[]'::jsonb END)`;

/** remediation.csv sla_met: "yes" verified by the due date, "no" verified late or overdue at `now`, "pending" still inside the SLA. */
export const slaMetSql = (t: string, now: string) =>
  `CASE WHEN ${t}.status = 'VERIFIED' AND ${t}."verifiedAt" IS NOT NULL THEN CASE WHEN ${t}."verifiedAt" <= ${t}."dueAt" THEN 'yes' ELSE 'no' END
        WHEN ${at(now)} > ${t}."dueAt" THEN 'no' ELSE 'pending' END`;

/** exceptions.csv status_at_pack_time. */
export const exceptionStatusSql = (until: string, reReviewed: string, now: string) =>
  `CASE WHEN ${until} IS NULL THEN 'no expiry recorded' WHEN ${until} > ${at(now)} THEN 'active'
        WHEN ${reReviewed} THEN 'expired, re-review opened' ELSE 'expired, not re-reviewed' END`;

/**
 * One row per item and entitlement (an item without entitlements still gets one row with the
 * entitlement columns empty). The item's columns are computed and sorted once per item, before its
 * entitlements are expanded: sorting the narrow rows instead of the items with their whole snapshot
 * keeps the sort in memory (it spilled 300 MB to disk for 250,000 items).
 */
export function snapshotCsv(r: PackReader, scope: PackScope): AsyncIterable<Buffer> {
  const { where, params } = scopeWhere(scope);
  // The item's columns before the entitlement's (header order), then after them; named b0… and a0… inside.
  const before = [
    "ri.id", 'ri."campaignId"', "s.idn->>'id'", "s.idn->>'externalId'", "s.idn->>'kind'", "s.idn->>'name'", "s.idn->>'sourceId'", "coalesce(s.ctx->>'sourceName', src.name)",
    "s.idn->>'environment'", "s.idn->>'ownerId'", "coalesce(s.ctx->>'ownerEmail', ow.email)",
    "CASE WHEN s.idn->>'ownerId' IS NULL THEN 'none' ELSE coalesce(s.ctx->>'ownerStatus', ow.status::text, 'unknown') END", "s.ctx->>'teamName'", "s.ctx->>'purpose'",
    "s.idn->>'status'", "coalesce((s.idn->>'privileged')::boolean, false)::text", "s.idn->>'blastRadius'", "s.idn->>'lastUsedAt'", "cr.n", "cr.oldest", "cr.earliest",
  ];
  const after = ['ri."reviewerId"', "rv.email", "rs.text", iso('ri."dueAt"'), "ri.status::text", "ri.snapshot->>'takenAt'"];
  const names = (prefix: string, list: string[]) => list.map((_, i) => `b.${prefix}${i}`).join(", ");
  return r.copyCsv(
    `SELECT ${names("b", before)}, e->>'id', e->>'name', e->>'resource', e->>'privileged', e->>'canMint', ${names("a", after)}
     FROM (SELECT ${[...before.map((x, i) => `${x} AS b${i}`), ...after.map((x, i) => `${x} AS a${i}`)].join(", ")}, ${jsonArray(`ri.snapshot->'entitlements'`)} AS ents
           ${ITEMS_FROM}
           CROSS JOIN LATERAL (SELECT ri.snapshot->'identity' AS idn, ri.snapshot->'context' AS ctx) s
           LEFT JOIN "User" rv ON rv.id = ri."reviewerId" LEFT JOIN "User" ow ON ow.id = s.idn->>'ownerId' LEFT JOIN "Source" src ON src.id = s.idn->>'sourceId'
           LEFT JOIN LATERAL (SELECT count(*) AS n, min(nullif(x->>'createdAt', '') COLLATE "C") AS oldest, min(nullif(x->>'expiresAt', '') COLLATE "C") AS earliest
                              FROM jsonb_array_elements(${jsonArray(`ri.snapshot->'credentials'`)}) x WHERE x->>'status' IS DISTINCT FROM 'REMOVED') cr ON true
           LEFT JOIN LATERAL (SELECT string_agg(coalesce(x->>'sentence', x #>> '{}'), ' | ' ORDER BY o) AS text FROM jsonb_array_elements(${jsonArray("ri.reasons")}) WITH ORDINALITY y(x, o)) rs ON true
           WHERE ${where} ORDER BY ri.id OFFSET 0) b
     LEFT JOIN LATERAL jsonb_array_elements(b.ents) WITH ORDINALITY ent(e, eo) ON true
     ORDER BY b.b0, ent.eo`, params);
}

export function decisionsCsv(r: PackReader, scope: PackScope): AsyncIterable<Buffer> {
  const { where, params } = scopeWhere(scope);
  return r.copyCsv(
    `SELECT d.id, ri.id, ri."campaignId", ri."identityId", ri.snapshot->'identity'->>'name', d.kind::text, d.justification, ${iso('d."exceptionUntil"')},
            array_to_string(d."removeEntitlementIds", ';'), d."newOwnerId", ri."reviewerId", d."deciderId", u.email, coalesce(u.role::text, CASE WHEN d.channel = 'SYSTEM' THEN 'SYSTEM' END),
            d.channel::text, ${iso('d."decidedAt"')}, ${iso('ri."dueAt"')}, (d."decidedAt" <= ri."dueAt")::text, d."secondsToDecide", d."secondsSincePrevious", d."batchId", d."batchSize",
            (coalesce(d."batchSize", 1) > 1)::text, ${SELF_REVIEW}::text
     ${ITEMS_FROM} ${SELF_REVIEW_JOIN} LEFT JOIN "User" u ON u.id = d."deciderId"
     WHERE ${where} AND d.id IS NOT NULL ORDER BY d.id`, params);
}

export function remediationCsv(r: PackReader, scope: PackScope, now: string): AsyncIterable<Buffer> {
  const { where, params } = scopeWhere(scope);
  const n = `$${params.length + 1}`;
  return r.copyCsv(
    `SELECT t.id, t."decisionId", ri.id, t."identityId", t.action, t.executor::text, t.status::text, t."ticketRef", t."assigneeId", ${iso('t."createdAt"')},
            ${iso('t."dueAt"')}, ${iso('t."executedAt"')}, ${iso('t."verifiedAt"')}, t."verifiedHow", t."verifySyncId", ${slaMetSql("t", n)}, t.attempts, t."lastError", t.detail->>'explanation'
     ${ITEMS_FROM} JOIN "RemediationTask" t ON t."decisionId" = d.id
     WHERE ${where} ORDER BY t.id`, [...params, now]);
}

export function exceptionsCsv(r: PackReader, scope: PackScope, maxDays: number, now: string): AsyncIterable<Buffer> {
  const { where, params } = scopeWhere(scope);
  const [max, n] = [`$${params.length + 1}`, `$${params.length + 2}`];
  const days = `ceil(extract(epoch FROM d."exceptionUntil" - d."decidedAt") / 86400)::int`;
  return r.copyCsv(
    `SELECT d.id, ri.id, ri."identityId", ri.snapshot->'identity'->>'name', d.justification, d."deciderId", u.email, ${iso('d."decidedAt"')}, ${iso('d."exceptionUntil"')},
            ${days}, ${max}::int, coalesce(${days} <= ${max}::int AND coalesce(btrim(d.justification, E' \t\r\n'), '') <> '', false)::text,
            ${exceptionStatusSql('d."exceptionUntil"', `coalesce(${RE_REVIEWED}, false)`, n)}
     ${ITEMS_FROM} ${FACT_JOINS} LEFT JOIN "User" u ON u.id = d."deciderId"
     WHERE ${where} AND d.kind = 'EXCEPTION' ORDER BY d.id`, [...params, maxDays, now]);
}

export function findingsStream(r: PackReader, scope: PackScope): RowBatches {
  const { where, params } = scopeWhere(scope);
  return mapped(r.batches<FindingRow>(
    `SELECT f.id, f.kind::text AS kind, f.severity::text AS severity, f.status::text AS status, f."identityId", f."reviewItemId", f.sentence, f."eventIds", f.detail,
            f."actorUserId", f."createdAt", f."resolvedAt"
     ${ITEMS_FROM} JOIN "Finding" f ON f."reviewItemId" = ri.id
     WHERE ${where} ORDER BY f.id`, params), (f) => [findingRow(f)]);
}

/** Per reviewer: assignments, pace and batching (rubber-stamp indicators) and self-review count. */
export function reviewerMetricsStream(r: PackReader, scope: PackScope): RowBatches {
  const { where, params } = scopeWhere(scope);
  return mapped(r.batches<ReviewerMetricsRow>(
    `WITH s AS (SELECT ri."reviewerId", d.id AS "decisionId", d."deciderId", d.kind, d."secondsToDecide", d."batchSize", ${SELF_REVIEW} AS self ${ITEMS_FROM} ${SELF_REVIEW_JOIN} WHERE ${where}),
     assigned AS (SELECT "reviewerId" AS "userId", count(*) AS assigned, count(*) FILTER (WHERE "decisionId" IS NULL) AS pending FROM s WHERE "reviewerId" IS NOT NULL GROUP BY 1),
     decided AS (SELECT "deciderId" AS "userId", count(*) AS decisions, percentile_cont(0.5) WITHIN GROUP (ORDER BY "secondsToDecide") AS "medianSeconds",
                 count(*) FILTER (WHERE "secondsToDecide" < 10) AS under10, max("batchSize") AS "largestBatch", count(*) FILTER (WHERE "batchSize" > 1) AS bulk,
                 count(*) FILTER (WHERE kind = 'ATTEST') AS attests, count(*) FILTER (WHERE self) AS "selfReview"
                 FROM s WHERE "deciderId" IS NOT NULL GROUP BY 1)
     SELECT coalesce(a."userId", x."userId") AS "userId", u.email, u.role::text AS role, coalesce(a.assigned, 0) AS assigned, coalesce(a.pending, 0) AS pending,
            coalesce(x.decisions, 0) AS decisions, x."medianSeconds", coalesce(x.under10, 0) AS under10, x."largestBatch", coalesce(x.bulk, 0) AS bulk,
            coalesce(x.attests, 0) AS attests, coalesce(x."selfReview", 0) AS "selfReview"
     FROM assigned a FULL OUTER JOIN decided x ON x."userId" = a."userId" LEFT JOIN "User" u ON u.id = coalesce(a."userId", x."userId")
     ORDER BY 1`, params), (m) => [reviewerMetricsRow(m)]);
}

export type AuditLine = {
  id: string; workspaceId: string; seq: number; actorType: string; actorId: string | null; actorLabel: string; action: string;
  subjectType: string | null; subjectId: string | null; data: unknown; at: string; prevHash: string; hash: string;
};

/** The contiguous stretch of the workspace's audit chain the pack covers (contiguous, so it can be re-verified offline). */
export async function auditRange(r: PackReader, scope: PackScope, campaignCreatedAt: string | null): Promise<{ first: number; head: number } | null> {
  const from = scope.kind === "period" ? scope.start.toISOString() : campaignCreatedAt ?? "1970-01-01T00:00:00.000Z";
  const to = scope.kind === "period" ? scope.end.toISOString() : null;
  const row = await r.one<{ first: number | null; head: number | null }>(
    `SELECT min(seq) AS first, max(seq) AS head FROM "AuditEvent" WHERE "workspaceId" = $1 AND at >= ($2::timestamptz AT TIME ZONE 'UTC')
       AND ($3::text IS NULL OR at < ($3::timestamptz AT TIME ZONE 'UTC'))`, [scope.workspaceId, from, to]);
  return row.first === null || row.head === null ? null : { first: row.first, head: row.head };
}

/** The audit events of the range as JSON Lines, one event per line, formatted by PostgreSQL (timestamps as ISO 8601 UTC). */
export function auditJsonl(r: PackReader, workspaceId: string, range: { first: number; head: number }): AsyncIterable<Buffer> {
  return r.jsonLines(
    `SELECT row_to_json(e)::text FROM (SELECT id, "workspaceId", seq, "actorType"::text AS "actorType", "actorId", "actorLabel", action, "subjectType", "subjectId", data,
            ${iso("at")} AS at, "prevHash", hash FROM "AuditEvent" WHERE "workspaceId" = $1 AND seq BETWEEN $2 AND $3 ORDER BY seq) e`, [workspaceId, range.first, range.head]);
}
