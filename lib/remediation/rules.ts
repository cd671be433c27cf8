import type { RemediationStatus } from "@/prisma/generated/enums";

const MINUTE = 60_000;
const DAY = 86_400_000;

/** Delays before webhook attempt 2, 3, …; after the last one the task is FAILED and a person takes over. */
export const WEBHOOK_BACKOFF_MINUTES = [1, 5, 30, 120, 360] as const;
export const WEBHOOK_MAX_ATTEMPTS = WEBHOOK_BACKOFF_MINUTES.length + 1;

/** When to try again after `attempts` failed attempts, or null when attempts are exhausted. */
export function nextAttemptAt(attempts: number, now: Date): Date | null {
  if (attempts >= WEBHOOK_MAX_ATTEMPTS) return null;
  const minutes = WEBHOOK_BACKOFF_MINUTES[Math.max(0, attempts - 1)] ?? WEBHOOK_BACKOFF_MINUTES.at(-1)!;
  return new Date(now.getTime() + minutes * MINUTE);
}

export const remediationDueAt = (decidedAt: Date, slaDays: number) => new Date(decidedAt.getTime() + slaDays * DAY);

// ── State machine ──────────────────────────────────────────────────────────────────────────────────
export type RemediationEvent = "executed" | "failed" | "verified";

const transitions: Record<RemediationStatus, Partial<Record<RemediationEvent, RemediationStatus>>> = {
  OPEN: { executed: "EXECUTED", failed: "FAILED", verified: "VERIFIED" },
  EXECUTED: { verified: "VERIFIED" },
  FAILED: { executed: "EXECUTED", verified: "VERIFIED" },
  VERIFIED: {},
};

export function nextRemediationStatus(from: RemediationStatus, event: RemediationEvent): RemediationStatus | null {
  return transitions[from][event] ?? null;
}

export function remediationStatusesAllowing(event: RemediationEvent): RemediationStatus[] {
  return (Object.keys(transitions) as RemediationStatus[]).filter((s) => transitions[s][event]);
}

/** A task can carry an explanation while no sync has verified it (a verified task needs none). */
export const EXPLAINABLE_STATUSES: RemediationStatus[] = ["OPEN", "EXECUTED", "FAILED"];
export const mayExplain = (status: RemediationStatus) => EXPLAINABLE_STATUSES.includes(status);

// ── What a task asks for, and when a sync proves it done ──────────────────────────────────────────
export type RemediationDetail = {
  identity: { id: string; externalId: string; name: string; kind: string; sourceId: string; sourceName?: string | null };
  /** REVOKE: the credentials to disable or delete. */
  credentials: { id: string; externalId: string; kind: string }[];
  /** REDUCE: the entitlements to remove (REVOKE lists them for information). */
  entitlements: { id: string; name: string; resource: string }[];
  decision: { id: string; kind: string; by: string | null; at: string; justification: string | null };
  /** Why it cannot be (or was not) verified by a sync, recorded by the assignee or a compliance manager. */
  explanation?: string;
  explainedBy?: string;
  explainedAt?: string;
};

export type ObservedState = {
  identityStatus: "ACTIVE" | "DISABLED" | "REMOVED" | "MISSING";
  /** credential id → status as of the sync; absent ids are gone. */
  credentials: Map<string, string>;
  /** entitlement id → status as of the sync; absent ids are gone. */
  entitlements: Map<string, string>;
};

const credentialGone = (status: string | undefined) => status === undefined || status === "REMOVED" || status === "INACTIVE" || status === "EXPIRED";

/**
 * Whether the inventory proves the remediation done: a revoked identity is disabled/removed or has every
 * named credential disabled/removed; a reduced identity no longer holds any of the named entitlements.
 * Returns the sentence recorded as `verifiedHow`, or null when it is not (yet) done.
 */
export function verification(action: string, detail: RemediationDetail, observed: ObservedState): string | null {
  if (action === "REVOKE") {
    if (observed.identityStatus !== "ACTIVE") return `identity ${detail.identity.externalId} is ${observed.identityStatus.toLowerCase()}`;
    if (detail.credentials.length && detail.credentials.every((c) => credentialGone(observed.credentials.get(c.id)))) {
      return `credential${detail.credentials.length > 1 ? "s" : ""} ${detail.credentials.map((c) => c.externalId).join(", ")} no longer active`;
    }
    return null;
  }
  if (action === "REDUCE") {
    if (observed.identityStatus === "REMOVED" || observed.identityStatus === "MISSING") return `identity ${detail.identity.externalId} is removed`;
    if (detail.entitlements.length && detail.entitlements.every((e) => (observed.entitlements.get(e.id) ?? "REMOVED") === "REMOVED")) {
      return `entitlement${detail.entitlements.length > 1 ? "s" : ""} ${detail.entitlements.map((e) => e.name).join(", ")} removed`;
    }
    return null;
  }
  return null;
}

/** The sentence of a remediation-overdue finding. */
export function overdueSentence(task: { action: string; dueAt: Date; createdAt: Date }, identityName: string, slaDays: number, now: Date): string {
  const days = Math.max(1, Math.floor((now.getTime() - task.createdAt.getTime()) / DAY));
  const what = task.action === "REVOKE" ? "Revocation" : "Reduction";
  return `${what} of ${identityName} decided ${days} days ago is not verified by any sync (SLA: ${slaDays} days).`;
}
