/** A person who might review an item, as far as resolution cares. */
export type Candidate = { id: string; status: "ACTIVE" | "DEPARTED" } | null;

export type ReviewerRoute = "OWNER" | "TEAM_LEAD" | "FALLBACK" | "NONE";

export type ReviewerResolution = {
  reviewerId: string | null;
  route: ReviewerRoute;
  /** Why earlier candidates were passed over, in order, for the item's reasons and the audit trail. */
  skipped: { route: Exclude<ReviewerRoute, "NONE">; why: "missing" | "departed" | "own change" }[];
};

/**
 * Owner → owning team's lead → workspace fallback reviewer. A departed person counts as nobody, and
 * nobody reviews a change they made themselves (excluded ids: Finding.actorUserId of the trigger).
 */
export function resolveReviewer(input: { owner: Candidate; teamLead: Candidate; fallback: Candidate; excludedUserIds?: Iterable<string> }): ReviewerResolution {
  const excluded = new Set(input.excludedUserIds ?? []);
  const skipped: ReviewerResolution["skipped"] = [];
  const chain: [Exclude<ReviewerRoute, "NONE">, Candidate][] = [["OWNER", input.owner], ["TEAM_LEAD", input.teamLead], ["FALLBACK", input.fallback]];
  for (const [route, candidate] of chain) {
    if (!candidate) skipped.push({ route, why: "missing" });
    else if (candidate.status !== "ACTIVE") skipped.push({ route, why: "departed" });
    else if (excluded.has(candidate.id)) skipped.push({ route, why: "own change" });
    else return { reviewerId: candidate.id, route, skipped };
  }
  return { reviewerId: null, route: "NONE", skipped };
}

/** Who an overdue item is escalated to: the reviewer's manager, else the owning team's lead (never the reviewer again). */
export function escalationTarget(input: { reviewerId: string | null; reviewerManager: Candidate; teamLead: Candidate; fallback: Candidate; excludedUserIds?: Iterable<string> }): string | null {
  const excluded = new Set([...(input.excludedUserIds ?? []), ...(input.reviewerId ? [input.reviewerId] : [])]);
  for (const c of [input.reviewerManager, input.teamLead, input.fallback]) {
    if (c && c.status === "ACTIVE" && !excluded.has(c.id)) return c.id;
  }
  return null;
}
