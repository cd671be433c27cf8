import { db } from "@/lib/db";

export type OpenRemediation = {
  id: string; action: string; status: string; executor: string; dueAt: Date; ticketRef: string | null; assigneeId: string | null;
  assigneeName: string | null; itemId: string; identityName: string; explanation: string | null; explainedBy: string | null;
};

/** A campaign's remediation tasks that no sync has verified yet, overdue first (at most `take`), and how many there are. */
export async function unverifiedRemediation(workspaceId: string, campaignId: string, take = 50): Promise<{ total: number; tasks: OpenRemediation[] }> {
  const where = { workspaceId, status: { not: "VERIFIED" as const }, decision: { item: { campaignId, workspaceId } } };
  const [total, rows] = await Promise.all([
    db.remediationTask.count({ where }),
    db.remediationTask.findMany({
      where,
      orderBy: [{ dueAt: "asc" }, { id: "asc" }],
      take,
      select: { id: true, action: true, status: true, executor: true, dueAt: true, ticketRef: true, assigneeId: true, detail: true, decision: { select: { itemId: true, item: { select: { identity: { select: { name: true } } } } } } },
    }),
  ]);
  const assigneeIds = [...new Set(rows.map((r) => r.assigneeId).filter((x): x is string => Boolean(x)))];
  const users = assigneeIds.length ? await db.user.findMany({ where: { workspaceId, id: { in: assigneeIds } }, select: { id: true, name: true } }) : [];
  const names = new Map(users.map((u) => [u.id, u.name]));
  return {
    total,
    tasks: rows.map((r) => {
      const detail = (r.detail ?? {}) as { explanation?: string; explainedBy?: string };
      return {
        id: r.id, action: r.action, status: r.status, executor: r.executor, dueAt: r.dueAt, ticketRef: r.ticketRef, assigneeId: r.assigneeId,
        assigneeName: r.assigneeId ? names.get(r.assigneeId) ?? null : null, itemId: r.decision.itemId, identityName: r.decision.item.identity.name,
        explanation: detail.explanation ?? null, explainedBy: detail.explainedBy ?? null,
      };
    }),
  };
}
