import type { PackReader } from "@/lib/evidence/reader";
import { FACT_JOINS, ITEMS_FROM, RE_REVIEWED, SELF_REVIEW, scopeWhere, type PackScope } from "@/lib/evidence/scope";
import {
  decisionRow, exceptionRow, findingRow, remediationRow, reviewerMetricsRow, snapshotRows,
  type DecisionRow, type ExceptionRow, type FindingRow, type RemediationRow, type ReviewerMetricsRow, type SnapshotRow,
} from "@/lib/evidence/normalize";

// The row sources of the pack's CSV files: one server-side cursor each, normalized batch by batch.

export type RowBatches = AsyncIterable<string[][]>;

async function* mapped<T>(batches: AsyncIterable<T[]>, map: (row: T) => string[][]): RowBatches {
  for await (const batch of batches) yield batch.flatMap(map);
}

export function snapshotStream(r: PackReader, scope: PackScope): RowBatches {
  const { where, params } = scopeWhere(scope);
  return mapped(r.batches<SnapshotRow>(
    `SELECT ri.id, ri."campaignId", ri.snapshot, ri.reasons, ri."dueAt", ri.status::text AS status, ri."reviewerId", rv.email AS "reviewerEmail",
            ow.email AS "ownerEmail", ow.status::text AS "ownerStatus", src.name AS "sourceName"
     ${ITEMS_FROM} LEFT JOIN "User" rv ON rv.id = ri."reviewerId" LEFT JOIN "User" ow ON ow.id = ri.snapshot->'identity'->>'ownerId'
     LEFT JOIN "Source" src ON src.id = ri.snapshot->'identity'->>'sourceId'
     WHERE ${where} ORDER BY ri.id`, params), snapshotRows);
}

export function decisionsStream(r: PackReader, scope: PackScope): RowBatches {
  const { where, params } = scopeWhere(scope);
  return mapped(r.batches<DecisionRow>(
    `SELECT d.id, ri.id AS "itemId", ri."campaignId", ri."identityId", ri.snapshot->'identity'->>'name' AS "identityName", d.kind::text AS kind, d.justification,
            d."exceptionUntil", d."removeEntitlementIds", d."newOwnerId", ri."reviewerId", d."deciderId", u.email AS "deciderEmail", u.role::text AS "deciderRole",
            d.channel::text AS channel, d."decidedAt", ri."dueAt", d."secondsToDecide", d."secondsSincePrevious", d."batchId", d."batchSize", ${SELF_REVIEW} AS "selfReview"
     ${ITEMS_FROM} ${FACT_JOINS} LEFT JOIN "User" u ON u.id = d."deciderId"
     WHERE ${where} AND d.id IS NOT NULL ORDER BY d.id`, params), (d) => [decisionRow(d)]);
}

export function remediationStream(r: PackReader, scope: PackScope, now: string): RowBatches {
  const { where, params } = scopeWhere(scope);
  return mapped(r.batches<RemediationRow>(
    `SELECT t.id, t."decisionId", ri.id AS "itemId", t."identityId", t.action, t.executor::text AS executor, t.status::text AS status, t."ticketRef", t."assigneeId",
            t."createdAt", t."dueAt", t."executedAt", t."verifiedAt", t."verifiedHow", t."verifySyncId", t.attempts, t."lastError", t.detail->>'explanation' AS explanation
     ${ITEMS_FROM} JOIN "RemediationTask" t ON t."decisionId" = d.id
     WHERE ${where} ORDER BY t.id`, params), (t) => [remediationRow(t, now)]);
}

export function exceptionsStream(r: PackReader, scope: PackScope, maxDays: number, now: string): RowBatches {
  const { where, params } = scopeWhere(scope);
  return mapped(r.batches<ExceptionRow>(
    `SELECT d.id, ri.id AS "itemId", ri."identityId", ri.snapshot->'identity'->>'name' AS "identityName", d.justification, d."deciderId", u.email AS "deciderEmail",
            d."decidedAt", d."exceptionUntil",
            coalesce(${RE_REVIEWED}, false) AS "reReviewed"
     ${ITEMS_FROM} ${FACT_JOINS} LEFT JOIN "User" u ON u.id = d."deciderId"
     WHERE ${where} AND d.kind = 'EXCEPTION' ORDER BY d.id`, params), (e) => [exceptionRow(e, maxDays, now)]);
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
    `WITH s AS (SELECT ri."reviewerId", d.id AS "decisionId", d."deciderId", d.kind, d."secondsToDecide", d."batchSize", ${SELF_REVIEW} AS self ${ITEMS_FROM} ${FACT_JOINS} WHERE ${where}),
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

export function auditStream(r: PackReader, workspaceId: string, range: { first: number; head: number }): AsyncIterable<AuditLine[]> {
  return r.batches<AuditLine>(
    `SELECT id, "workspaceId", seq, "actorType"::text AS "actorType", "actorId", "actorLabel", action, "subjectType", "subjectId", data, at, "prevHash", hash
     FROM "AuditEvent" WHERE "workspaceId" = $1 AND seq BETWEEN $2 AND $3 ORDER BY seq`, [workspaceId, range.first, range.head]);
}
