import { owaspTags } from "@/lib/evidence/catalog";

// Pure row mappers: one database row in, CSV cells out (strings only, so every file reads the same in
// any spreadsheet: booleans "true"/"false", instants ISO 8601 UTC, absent values empty).

type Cell = string | number | boolean | null | undefined;
const cell = (v: Cell): string => (v === null || v === undefined ? "" : typeof v === "boolean" ? (v ? "true" : "false") : String(v));
export const cells = (values: Cell[]): string[] => values.map(cell);

type SnapshotJson = {
  takenAt?: string;
  identity?: { id?: string; externalId?: string; name?: string; kind?: string; environment?: string | null; status?: string; privileged?: boolean; blastRadius?: number; ownerId?: string | null; lastUsedAt?: string | null; sourceId?: string };
  credentials?: { id: string; createdAt: string | null; expiresAt: string | null; status?: string }[];
  entitlements?: { id: string; name: string; resource: string; privileged: boolean; canMint: boolean }[];
  context?: { ownerEmail?: string | null; ownerStatus?: string | null; teamName?: string | null; sourceName?: string; purpose?: string | null };
};

export const SNAPSHOT_HEADER = [
  "item_id", "campaign_id", "identity_id", "external_id", "identity_type", "identity_name", "source_id", "source_name", "environment",
  "owner_id", "owner_email", "owner_status", "team", "business_purpose", "identity_status", "privileged", "blast_radius", "last_used_at",
  "credential_count", "oldest_credential_created_at", "earliest_credential_expires_at", "entitlement_id", "entitlement_name",
  "entitlement_resource", "entitlement_privileged", "entitlement_can_mint", "reviewer_id", "reviewer_email", "review_reasons",
  "due_at", "item_status", "snapshot_taken_at",
];

export type SnapshotRow = { id: string; campaignId: string; snapshot: SnapshotJson; reasons: unknown; dueAt: string; status: string; reviewerId: string | null; reviewerEmail: string | null; ownerEmail: string | null; ownerStatus: string | null; sourceName: string | null };

const minIso = (values: (string | null | undefined)[]) => values.filter((v): v is string => Boolean(v)).sort()[0] ?? null;

function reasonsText(reasons: unknown): string {
  if (!Array.isArray(reasons)) return "";
  return reasons.map((r) => (r && typeof r === "object" && "sentence" in r ? String((r as { sentence: unknown }).sentence) : String(r))).join(" | ");
}

/** One row per item and entitlement (an item without entitlements still gets one row). */
export function snapshotRows(r: SnapshotRow): string[][] {
  const s = r.snapshot ?? {};
  const idn = s.identity ?? {};
  const ctx = s.context ?? {};
  const creds = (s.credentials ?? []).filter((c) => c.status !== "REMOVED");
  const base: Cell[] = [
    r.id, r.campaignId, idn.id, idn.externalId, idn.kind, idn.name, idn.sourceId, ctx.sourceName ?? r.sourceName, idn.environment,
    idn.ownerId, ctx.ownerEmail ?? r.ownerEmail, idn.ownerId ? (ctx.ownerStatus ?? r.ownerStatus ?? "unknown") : "none", ctx.teamName, ctx.purpose,
    idn.status, idn.privileged ?? false, idn.blastRadius, idn.lastUsedAt,
    creds.length, minIso(creds.map((c) => c.createdAt)), minIso(creds.map((c) => c.expiresAt)),
  ];
  const tail: Cell[] = [r.reviewerId, r.reviewerEmail, reasonsText(r.reasons), r.dueAt, r.status, s.takenAt];
  const ents = s.entitlements ?? [];
  if (ents.length === 0) return [cells([...base, null, null, null, null, null, ...tail])];
  return ents.map((e) => cells([...base, e.id, e.name, e.resource, e.privileged, e.canMint, ...tail]));
}

export const DECISIONS_HEADER = [
  "decision_id", "item_id", "campaign_id", "identity_id", "identity_name", "decision", "justification", "exception_until",
  "removed_entitlement_ids", "new_owner_id", "reviewer_id", "decided_by_id", "decided_by_email", "decided_by_role", "channel",
  "decided_at_utc", "item_due_at", "on_time", "seconds_to_decide", "seconds_since_previous", "batch_id", "batch_size", "bulk_action", "self_review",
];

export type DecisionRow = {
  id: string; itemId: string; campaignId: string; identityId: string; identityName: string | null; kind: string; justification: string | null;
  exceptionUntil: string | null; removeEntitlementIds: string[]; newOwnerId: string | null; reviewerId: string | null; deciderId: string | null;
  deciderEmail: string | null; deciderRole: string | null; channel: string; decidedAt: string; dueAt: string; secondsToDecide: number | null;
  secondsSincePrevious: number | null; batchId: string | null; batchSize: number | null; selfReview: boolean;
};

export function decisionRow(d: DecisionRow): string[] {
  return cells([
    d.id, d.itemId, d.campaignId, d.identityId, d.identityName, d.kind, d.justification, d.exceptionUntil, d.removeEntitlementIds.join(";"),
    d.newOwnerId, d.reviewerId, d.deciderId, d.deciderEmail, d.deciderRole ?? (d.channel === "SYSTEM" ? "SYSTEM" : null), d.channel,
    d.decidedAt, d.dueAt, d.decidedAt <= d.dueAt, d.secondsToDecide, d.secondsSincePrevious, d.batchId, d.batchSize, (d.batchSize ?? 1) > 1, d.selfReview,
  ]);
}

export const REMEDIATION_HEADER = [
  "task_id", "decision_id", "item_id", "identity_id", "action", "executor", "status", "ticket_or_change_id", "assignee_id", "opened_at_utc",
  "sla_due_at", "executed_at_utc", "verified_at_utc", "verification_method", "verify_sync_id", "sla_met", "attempts", "last_error", "explanation",
];

export type RemediationRow = {
  id: string; decisionId: string; itemId: string; identityId: string; action: string; executor: string; status: string; ticketRef: string | null;
  assigneeId: string | null; createdAt: string; dueAt: string; executedAt: string | null; verifiedAt: string | null; verifiedHow: string | null;
  verifySyncId: string | null; attempts: number; lastError: string | null; explanation: string | null;
};

/** "yes" verified by the due date, "no" verified late or overdue now, "pending" still inside the SLA. */
export function slaMet(t: { status: string; verifiedAt: string | null; dueAt: string }, now: string): "yes" | "no" | "pending" {
  if (t.status === "VERIFIED" && t.verifiedAt) return t.verifiedAt <= t.dueAt ? "yes" : "no";
  return now > t.dueAt ? "no" : "pending";
}

export function remediationRow(t: RemediationRow, now: string): string[] {
  return cells([
    t.id, t.decisionId, t.itemId, t.identityId, t.action, t.executor, t.status, t.ticketRef, t.assigneeId, t.createdAt, t.dueAt, t.executedAt,
    t.verifiedAt, t.verifiedHow, t.verifySyncId, slaMet(t, now), t.attempts, t.lastError, t.explanation,
  ]);
}

export const EXCEPTIONS_HEADER = [
  "decision_id", "item_id", "identity_id", "identity_name", "justification", "approved_by_id", "approved_by_email", "decided_at_utc",
  "expires_at_utc", "days_granted", "policy_max_days", "within_policy", "status_at_pack_time",
];

export type ExceptionRow = {
  id: string; itemId: string; identityId: string; identityName: string | null; justification: string | null; deciderId: string | null;
  deciderEmail: string | null; decidedAt: string; exceptionUntil: string | null; reReviewed: boolean;
};

const DAY = 86_400_000;

export function exceptionStatus(e: { exceptionUntil: string | null; reReviewed: boolean }, now: string): string {
  if (!e.exceptionUntil) return "no expiry recorded";
  if (e.exceptionUntil > now) return "active";
  return e.reReviewed ? "expired, re-review opened" : "expired, not re-reviewed";
}

export function exceptionRow(e: ExceptionRow, maxDays: number, now: string): string[] {
  const days = e.exceptionUntil ? Math.ceil((Date.parse(e.exceptionUntil) - Date.parse(e.decidedAt)) / DAY) : null;
  return cells([
    e.id, e.itemId, e.identityId, e.identityName, e.justification, e.deciderId, e.deciderEmail, e.decidedAt, e.exceptionUntil, days, maxDays,
    days !== null && days <= maxDays && Boolean(e.justification?.trim()), exceptionStatus(e, now),
  ]);
}

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
