// What a pack covers: one campaign, or a period (scheduled campaigns closed in it, and continuous-review
// items decided in it). Every pack query selects its review items through this one condition.

export type PackScope =
  | { kind: "campaign"; workspaceId: string; campaignId: string }
  | { kind: "period"; workspaceId: string; start: Date; end: Date };

// Columns are timestamp(3) holding UTC; instants are passed as ISO strings and converted explicitly,
// so the result never depends on the process time zone.
const T2 = `($2::timestamptz AT TIME ZONE 'UTC')`;
const T3 = `($3::timestamptz AT TIME ZONE 'UTC')`;

/** FROM + JOINs every item query starts with: ri (item), c (campaign), d (its decision, if any). */
export const ITEMS_FROM = `FROM "ReviewItem" ri JOIN "Campaign" c ON c.id = ri."campaignId" LEFT JOIN "Decision" d ON d."itemId" = ri.id`;

/**
 * Joins for two per-item facts, as set-based joins (a correlated subquery per row would rescan the
 * table for each of 250,000 items): sr — a finding on the item caused by the decider (self-review);
 * lr — the newest review item of the same identity (re-review after an exception). Uses $1 (workspace).
 */
export const SELF_REVIEW_JOIN = `LEFT JOIN (SELECT DISTINCT "reviewItemId", "actorUserId" FROM "Finding" WHERE "workspaceId" = $1 AND "actorUserId" IS NOT NULL AND "reviewItemId" IS NOT NULL) sr
    ON sr."reviewItemId" = ri.id AND sr."actorUserId" = d."deciderId"`;
/** Reads every review item of the workspace (a full scan): join it only where RE_REVIEWED is used. */
export const RE_REVIEW_JOIN = `LEFT JOIN (SELECT "identityId", max("createdAt") AS latest FROM "ReviewItem" WHERE "workspaceId" = $1 GROUP BY 1) lr ON lr."identityId" = ri."identityId"`;
export const FACT_JOINS = `${SELF_REVIEW_JOIN}
  ${RE_REVIEW_JOIN}`;

/** True when the decider caused a finding on the item (needs FACT_JOINS). */
export const SELF_REVIEW = `(sr."reviewItemId" IS NOT NULL)`;
/** True when the identity got a later review item than this decision (needs FACT_JOINS). */
export const RE_REVIEWED = `(lr.latest > d."decidedAt")`;

/** The scope condition with its parameters at $1..$n; callers number their own parameters after these. */
export function scopeWhere(scope: PackScope): { where: string; params: unknown[] } {
  if (scope.kind === "campaign") {
    return { where: `ri."workspaceId" = $1 AND ri."campaignId" = $2`, params: [scope.workspaceId, scope.campaignId] };
  }
  return {
    where: `ri."workspaceId" = $1 AND c."workspaceId" = $1 AND ((c.kind = 'SCHEDULED' AND c."closedAt" >= ${T2} AND c."closedAt" < ${T3}) OR (c.kind = 'CONTINUOUS' AND d."decidedAt" >= ${T2} AND d."decidedAt" < ${T3}))`,
    params: [scope.workspaceId, scope.start.toISOString(), scope.end.toISOString()],
  };
}

/** Campaigns the scope touches (for a period: scheduled ones closed in it and continuous ones with decisions in it). */
export function campaignsWhere(scope: PackScope): { where: string; params: unknown[] } {
  if (scope.kind === "campaign") return { where: `c."workspaceId" = $1 AND c.id = $2`, params: [scope.workspaceId, scope.campaignId] };
  return {
    where: `c."workspaceId" = $1 AND ((c.kind = 'SCHEDULED' AND c."closedAt" >= ${T2} AND c."closedAt" < ${T3}) OR (c.kind = 'CONTINUOUS' AND EXISTS (SELECT 1 FROM "ReviewItem" ri JOIN "Decision" d ON d."itemId" = ri.id WHERE ri."campaignId" = c.id AND d."decidedAt" >= ${T2} AND d."decidedAt" < ${T3})))`,
    params: [scope.workspaceId, scope.start.toISOString(), scope.end.toISOString()],
  };
}
