import { db } from "@/lib/db";
import { baselineFromRow, dayOf, median30 } from "@/lib/events/baseline";

export type ActivityDay = { day: string; calls: number; tokens: number };
export type IdentityActivity = {
  days: ActivityDay[];
  /** the 30-day medians as of today: the baseline band the chart draws */
  medianCalls: number;
  medianTokens: number;
  since: string | null;
  regions: string[];
  networks: string[];
  userAgents: string[];
};

/** Daily calls and token issuances of the last 30 days with the baseline medians, from the identity's Baseline row. */
export async function identityActivity(workspaceId: string, identityId: string, now = new Date()): Promise<IdentityActivity> {
  const row = await db.baseline.findFirst({ where: { workspaceId, identityId } });
  const b = baselineFromRow(row);
  const days: ActivityDay[] = [];
  for (let i = 29; i >= 0; i--) {
    const day = dayOf(new Date(now.getTime() - i * 86_400_000));
    days.push({ day, calls: b.dailyCalls[day] ?? 0, tokens: b.dailyTokens[day] ?? 0 });
  }
  return {
    days,
    medianCalls: median30(b.dailyCalls, now, b.since),
    medianTokens: median30(b.dailyTokens, now, b.since),
    since: b.since,
    regions: Object.keys(b.regions),
    networks: Object.keys(b.networks),
    userAgents: Object.keys(b.userAgents),
  };
}

/** The events behind findings (ids from Finding.eventIds), scoped to the workspace. */
export function eventsByIds(workspaceId: string, ids: string[]) {
  if (!ids.length) return Promise.resolve([]);
  return db.activityEvent.findMany({
    where: { workspaceId, id: { in: ids } },
    orderBy: { occurredAt: "asc" },
    select: { id: true, occurredAt: true, format: true, kind: true, principal: true, action: true, target: true, sourceIp: true, region: true, userAgent: true, outcome: true },
  });
}
