import type { Severity } from "@/prisma/generated/enums";

export type ReviewerCandidates = {
  ownerId: string | null;
  ownerActive: boolean;
  teamLeadId: string | null;
  teamLeadActive: boolean;
  fallbackId: string | null;
  /** people whose own action caused the findings: never their reviewer */
  changedBy: string[];
};

export type ReviewerChoice = { reviewerId: string | null; why: "owner" | "team lead" | "fallback" | "fallback (owner made the change)" | "nobody" };

/**
 * Owner → owning team's lead → workspace fallback reviewer. When the owner made the triggering change
 * the item goes to the fallback (separation of duties), and nobody ever reviews their own change.
 */
export function chooseReviewer(c: ReviewerCandidates): ReviewerChoice {
  const ok = (id: string | null): id is string => Boolean(id) && !c.changedBy.includes(id!);
  const owner = c.ownerActive ? c.ownerId : null;
  const lead = c.teamLeadActive ? c.teamLeadId : null;
  if (owner && c.changedBy.includes(owner)) {
    if (ok(c.fallbackId)) return { reviewerId: c.fallbackId, why: "fallback (owner made the change)" };
    if (ok(lead)) return { reviewerId: lead, why: "team lead" };
    return { reviewerId: null, why: "nobody" };
  }
  if (ok(owner)) return { reviewerId: owner, why: "owner" };
  if (ok(lead)) return { reviewerId: lead, why: "team lead" };
  if (ok(c.fallbackId)) return { reviewerId: c.fallbackId, why: "fallback" };
  return { reviewerId: null, why: "nobody" };
}

const severityRank: Record<Severity, number> = { LOW: 0, MEDIUM: 1, HIGH: 2, CRITICAL: 3 };
export const worst = (severities: Severity[]): Severity => severities.reduce((a, b) => (severityRank[b] > severityRank[a] ? b : a), "LOW" as Severity);

/** Continuous-review items are due sooner the worse their findings: 3 days for high, 7 for medium, 14 for low. */
export function dueDaysFor(severity: Severity): number {
  return severityRank[severity] >= 2 ? 3 : severity === "MEDIUM" ? 7 : 14;
}

const severityWeight: Record<Severity, number> = { LOW: 5, MEDIUM: 15, HIGH: 30, CRITICAL: 40 };

/** Risk score of an item: its blast radius plus the weight of every finding on it, capped at 100. */
export const riskScore = (blastRadius: number, severities: Severity[]) => Math.min(100, blastRadius + severities.reduce((n, s) => n + severityWeight[s], 0));
