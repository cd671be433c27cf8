import { owaspTags } from "@/lib/evidence/catalog";

// The CSV headers of the pack, and pure row mappers for the small files: one database row in, CSV cells
// out (strings only, so every file reads the same in any spreadsheet: booleans "true"/"false", instants
// ISO 8601 UTC, absent values empty). The large files (snapshot, decisions, remediation, exceptions) are
// formatted the same way by PostgreSQL: see streams.ts.

type Cell = string | number | boolean | null | undefined;
const cell = (v: Cell): string => (v === null || v === undefined ? "" : typeof v === "boolean" ? (v ? "true" : "false") : String(v));
export const cells = (values: Cell[]): string[] => values.map(cell);

export const SNAPSHOT_HEADER = [
  "item_id", "campaign_id", "identity_id", "external_id", "identity_type", "identity_name", "source_id", "source_name", "environment",
  "owner_id", "owner_email", "owner_status", "team", "business_purpose", "identity_status", "privileged", "blast_radius", "last_used_at",
  "credential_count", "oldest_credential_created_at", "earliest_credential_expires_at", "entitlement_id", "entitlement_name",
  "entitlement_resource", "entitlement_privileged", "entitlement_can_mint", "reviewer_id", "reviewer_email", "review_reasons",
  "due_at", "item_status", "snapshot_taken_at",
];

export const DECISIONS_HEADER = [
  "decision_id", "item_id", "campaign_id", "identity_id", "identity_name", "decision", "justification", "exception_until",
  "removed_entitlement_ids", "new_owner_id", "reviewer_id", "decided_by_id", "decided_by_email", "decided_by_role", "channel",
  "decided_at_utc", "item_due_at", "on_time", "seconds_to_decide", "seconds_since_previous", "batch_id", "batch_size", "bulk_action", "self_review",
];

export const REMEDIATION_HEADER = [
  "task_id", "decision_id", "item_id", "identity_id", "action", "executor", "status", "ticket_or_change_id", "assignee_id", "opened_at_utc",
  "sla_due_at", "executed_at_utc", "verified_at_utc", "verification_method", "verify_sync_id", "sla_met", "attempts", "last_error", "explanation",
];

export const EXCEPTIONS_HEADER = [
  "decision_id", "item_id", "identity_id", "identity_name", "justification", "approved_by_id", "approved_by_email", "decided_at_utc",
  "expires_at_utc", "days_granted", "policy_max_days", "within_policy", "status_at_pack_time",
];

export const FINDINGS_HEADER = [
  "finding_id", "rule", "severity", "status", "identity_id", "item_id", "sentence", "event_refs", "detail", "caused_by_user_id", "created_at_utc", "resolved_at_utc", "owasp_nhi",
];

export type FindingRow = {
  id: string; kind: string; severity: string; status: string; identityId: string; reviewItemId: string | null; sentence: string; eventIds: string[];
  detail: unknown; actorUserId: string | null; createdAt: string; resolvedAt: string | null;
};

export function findingRow(f: FindingRow): string[] {
  return cells([
    f.id, f.kind, f.severity, f.status, f.identityId, f.reviewItemId, f.sentence, f.eventIds.join(";"), JSON.stringify(f.detail ?? {}), f.actorUserId,
    f.createdAt, f.resolvedAt, owaspTags(f.kind).join("; "),
  ]);
}

export const REVIEWER_METRICS_HEADER = [
  "reviewer_id", "reviewer_email", "reviewer_role", "items_assigned", "items_pending", "decisions_made", "median_seconds_per_decision",
  "decisions_under_10_seconds", "largest_batch", "bulk_decisions", "attest_rate", "self_review_count",
];

export type ReviewerMetricsRow = {
  userId: string; email: string | null; role: string | null; assigned: number; pending: number; decisions: number; medianSeconds: number | null;
  under10: number; largestBatch: number | null; bulk: number; attests: number; selfReview: number;
};

export function reviewerMetricsRow(m: ReviewerMetricsRow): string[] {
  return cells([
    m.userId, m.email, m.role, m.assigned, m.pending, m.decisions, m.medianSeconds === null ? null : Math.round(m.medianSeconds * 10) / 10,
    m.under10, m.largestBatch, m.bulk, m.decisions ? (m.attests / m.decisions).toFixed(3) : null, m.selfReview,
  ]);
}

export const CONTROLS_HEADER = ["framework", "control_id", "title", "relevance", "status", "why", "evidence_files"];
export const RECONCILIATION_HEADER = [
  "campaign_id", "source_id", "source_name", "count_in_source", "count_in_scope_at_launch", "count_in_snapshot", "difference", "explained_by", "source_sync_id", "reconciled_at_utc",
];
