import type { Actor } from "@/lib/authz/actor";
import { DomainError, forbidden } from "@/lib/errors";
import type { WorkspacePolicy } from "@/lib/workspaces/policy";
import type { DecisionKind, ReviewItemStatus, Severity } from "@/prisma/generated/enums";
import type { DecideInput } from "@/lib/reviews/schema";

const DAY = 86_400_000;

// ── Item state machine ────────────────────────────────────────────────────────────────────────────
export type ItemEvent = "decide" | "escalate" | "expire";

const transitions: Record<ReviewItemStatus, Partial<Record<ItemEvent, ReviewItemStatus>>> = {
  PENDING: { decide: "DECIDED", escalate: "ESCALATED", expire: "EXPIRED" },
  ESCALATED: { decide: "DECIDED", expire: "EXPIRED" },
  DECIDED: {},
  EXPIRED: {},
};

/** The status after an event, or null when the event does not apply (decided and expired items are final). */
export function nextItemStatus(from: ReviewItemStatus, event: ItemEvent): ReviewItemStatus | null {
  return transitions[from][event] ?? null;
}

/** Statuses from which an event may start: what a conditional `updateMany` claims on. */
export function statusesAllowing(event: ItemEvent): ReviewItemStatus[] {
  return (Object.keys(transitions) as ReviewItemStatus[]).filter((s) => transitions[s][event]);
}

export const OPEN_STATUSES: ReviewItemStatus[] = ["PENDING", "ESCALATED"];

// ── Who may decide ────────────────────────────────────────────────────────────────────────────────
export type DelegationWindow = { userId: string; delegateId: string; startsAt: Date; endsAt: Date };

export type ItemForDecision = {
  id: string;
  status: ReviewItemStatus;
  reviewerId: string | null;
  escalatedToId: string | null;
  campaignStatus: "DRAFT" | "ACTIVE" | "CLOSED";
  findings: { severity: Severity; actorUserId: string | null }[];
  entitlementIds: string[];
};

/** People whose own action is under review on this item (separation of duties). */
export function changeActors(item: Pick<ItemForDecision, "findings">): Set<string> {
  return new Set(item.findings.map((f) => f.actorUserId).filter((id): id is string => Boolean(id)));
}

/** The people who may decide now: the reviewer, the person it was escalated to, and their active delegates. */
export function deciders(item: Pick<ItemForDecision, "reviewerId" | "escalatedToId">, delegations: DelegationWindow[], now: Date): Set<string> {
  const principals = [item.reviewerId, item.escalatedToId].filter((id): id is string => Boolean(id));
  const allowed = new Set(principals);
  for (const d of delegations) {
    if (principals.includes(d.userId) && d.startsAt <= now && now < d.endsAt) allowed.add(d.delegateId);
  }
  return allowed;
}

/** Throws unless the actor may decide this item: an assigned person or their delegate, never the person whose change is under review. */
export function assertMayDecide(actor: Actor, item: Pick<ItemForDecision, "reviewerId" | "escalatedToId" | "findings">, delegations: DelegationWindow[], now: Date): void {
  if (actor.type === "SYSTEM") return;
  if (actor.type !== "USER") throw forbidden("Reviews are decided by the assigned reviewer; an API key cannot decide.");
  if (changeActors(item).has(actor.userId)) {
    throw forbidden("You made the change under review, so someone else must decide it.");
  }
  if (!deciders(item, delegations, now).has(actor.userId)) {
    throw forbidden("Only the assigned reviewer or their delegate can decide this review.");
  }
}

export function hasHighFindings(item: { findings: { severity: Severity }[] }): boolean {
  return item.findings.some((f) => f.severity === "HIGH" || f.severity === "CRITICAL");
}

/** Checks that need the item and the policy: open item in an active campaign, exception ≤ policy max, entitlements on the item. */
export function assertDecisionAllowed(item: ItemForDecision, input: DecideInput, policy: Pick<WorkspacePolicy, "exceptionMaxDays">, now: Date): void {
  if (item.campaignStatus === "CLOSED") throw new DomainError("CONFLICT", "This campaign is closed; its reviews are read-only.");
  if (!OPEN_STATUSES.includes(item.status)) throw new DomainError("ALREADY_DECIDED", "This review was already answered.");
  if (input.decision === "ATTEST" && hasHighFindings(item) && !input.justification) {
    throw new DomainError("INVALID", "This identity has high-severity findings: say why it should be kept.");
  }
  if (input.decision === "EXCEPTION" && input.exceptionUntil) {
    const max = now.getTime() + policy.exceptionMaxDays * DAY;
    if (input.exceptionUntil.getTime() > max) {
      throw new DomainError("INVALID", `Exceptions may last at most ${policy.exceptionMaxDays} days (until ${new Date(max).toISOString().slice(0, 10)}).`);
    }
  }
  if (input.decision === "REDUCE") {
    const unknown = (input.removeEntitlementIds ?? []).filter((id) => !item.entitlementIds.includes(id));
    if (unknown.length) throw new DomainError("INVALID", `These entitlements are not part of this review: ${unknown.join(", ")}.`);
    if (item.entitlementIds.length && input.removeEntitlementIds?.length === item.entitlementIds.length) {
      throw new DomainError("INVALID", "Removing every entitlement is a revocation: choose Revoke instead.");
    }
  }
}

// ── Timing (rubber-stamp metrics) ─────────────────────────────────────────────────────────────────
export function decisionTiming(opened: Date, previousDecisionAt: Date | null, now: Date, batchSize: number) {
  const seconds = (from: Date) => Math.max(0, Math.round((now.getTime() - from.getTime()) / 1000));
  return { secondsToDecide: seconds(opened), secondsSincePrevious: previousDecisionAt ? seconds(previousDecisionAt) : null, batchSize };
}

/** Which decisions open a remediation task. */
export function needsRemediation(kind: DecisionKind): boolean {
  return kind === "REVOKE" || kind === "REDUCE";
}

/** Bulk keep is allowed only for items without risk findings (UI.md, DESIGN §7). */
export function bulkKeepSkipReason(item: { findingsCount: number; status: ReviewItemStatus }): string | null {
  if (!OPEN_STATUSES.includes(item.status)) return "already answered";
  if (item.findingsCount > 0) return "has findings: decide it on its own";
  return null;
}

/** The default applied at the final deadline, as a decision (or null: leave open and flag). */
export function defaultDecision(action: "REVOKE" | "KEEP" | "ESCALATE_ONLY"): "ATTEST" | "REVOKE" | null {
  return action === "KEEP" ? "ATTEST" : action === "REVOKE" ? "REVOKE" : null;
}

/** Continuous-campaign items carry their own due date: sooner for worse findings. */
export function continuousDueAt(severities: Severity[], now: Date): Date {
  const days = severities.includes("CRITICAL") ? 2 : severities.includes("HIGH") ? 3 : severities.includes("MEDIUM") ? 7 : 14;
  return new Date(now.getTime() + days * DAY);
}
