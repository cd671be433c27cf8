import { db } from "@/lib/db";
import type { TriggerKind } from "@/prisma/generated/enums";

export function listTriggerRules(workspaceId: string) {
  return db.triggerRule.findMany({ where: { workspaceId }, orderBy: { kind: "asc" } });
}

/** Per rule kind: when it last fired and how often in the last 30 days (for the Triggers page cards). */
export async function triggerRuleStats(workspaceId: string, now = new Date()): Promise<Map<TriggerKind, { lastFiredAt: Date | null; last30Days: number }>> {
  const since = new Date(now.getTime() - 30 * 86_400_000);
  const [last, recent] = await Promise.all([
    db.finding.groupBy({ by: ["kind"], where: { workspaceId }, _max: { createdAt: true } }),
    db.finding.groupBy({ by: ["kind"], where: { workspaceId, createdAt: { gte: since } }, _count: { _all: true } }),
  ]);
  const out = new Map<TriggerKind, { lastFiredAt: Date | null; last30Days: number }>();
  for (const r of last) out.set(r.kind, { lastFiredAt: r._max.createdAt, last30Days: 0 });
  for (const r of recent) out.set(r.kind, { lastFiredAt: out.get(r.kind)?.lastFiredAt ?? null, last30Days: r._count._all });
  return out;
}
