import { db } from "@/lib/db";
import { Prisma } from "@/prisma/generated/client";
import { actorCan, type UserActor } from "@/lib/authz/actor";
import { getWorkspacePolicy } from "@/lib/reviews/decision-context";
import { recommend, usedEntitlements } from "@/lib/reviews/recommendation";
import { deciders } from "@/lib/reviews/rules";
import type { IdentitySnapshot } from "@/lib/reviews/snapshot";

const DAY = 86_400_000;
export const ACTIVITY_DAYS = 30;
const USAGE_DAYS = 90;

/**
 * The item page: the frozen snapshot, findings with their sentences, the decision (if any) and its
 * remediation, earlier reviews of the same identity, daily activity and a recommendation. Returns null
 * for another workspace's item, and for a member who is neither reviewer, escalation, delegate nor decider.
 */
export async function getItemPage(actor: UserActor, itemId: string, now = new Date()) {
  const item = await db.reviewItem.findFirst({
    where: { id: itemId, workspaceId: actor.workspaceId },
    include: {
      campaign: { select: { id: true, name: true, status: true, kind: true } },
      reviewer: { select: { id: true, name: true, email: true } },
      identity: { select: { id: true, name: true, kind: true, externalId: true, status: true, ownerId: true } },
      findings: { orderBy: [{ severity: "desc" }, { createdAt: "asc" }], select: { id: true, kind: true, severity: true, sentence: true, createdAt: true, eventIds: true, actorUserId: true } },
      decision: { include: { decider: { select: { name: true } }, remediation: true } },
    },
  });
  if (!item) return null;
  const delegations = await db.delegation.findMany({ where: { workspaceId: actor.workspaceId, userId: { in: [item.reviewerId, item.escalatedToId].filter((x): x is string => Boolean(x)) }, startsAt: { lte: now }, endsAt: { gt: now } } });
  const mayDecideNow = deciders(item, delegations, now).has(actor.userId) && !item.findings.some((f) => f.actorUserId === actor.userId);
  const involved = mayDecideNow || item.reviewerId === actor.userId || item.decision?.deciderId === actor.userId || item.escalatedToId === actor.userId;
  if (!involved && !actorCan(actor, "campaigns:read")) return null;

  const snapshot = item.snapshot as unknown as IdentitySnapshot;
  const since = new Date(now.getTime() - ACTIVITY_DAYS * DAY);
  const [history, activity, seen, escalatedTo, newOwner, policy] = await Promise.all([
    db.reviewItem.findMany({
      where: { workspaceId: actor.workspaceId, identityId: item.identityId, id: { not: item.id } },
      orderBy: { createdAt: "desc" },
      take: 20,
      select: { id: true, createdAt: true, status: true, campaign: { select: { name: true } }, decision: { select: { kind: true, decidedAt: true, justification: true, channel: true, exceptionUntil: true, decider: { select: { name: true } } } } },
    }),
    db.$queryRaw<{ day: Date; calls: bigint; tokens: bigint }[]>(Prisma.sql`
      SELECT date_trunc('day', "occurredAt") AS day,
        count(*) FILTER (WHERE kind = 'API_CALL')::bigint AS calls,
        count(*) FILTER (WHERE kind = 'TOKEN_ISSUED')::bigint AS tokens
      FROM "ActivityEvent" WHERE "workspaceId" = ${actor.workspaceId} AND "identityId" = ${item.identityId} AND "occurredAt" >= ${since}
      GROUP BY 1 ORDER BY 1`),
    db.$queryRaw<{ action: string; target: string | null }[]>(Prisma.sql`
      SELECT DISTINCT action, target FROM "ActivityEvent"
      WHERE "workspaceId" = ${actor.workspaceId} AND "identityId" = ${item.identityId} AND "occurredAt" >= ${new Date(now.getTime() - USAGE_DAYS * DAY)}
      LIMIT 2000`),
    item.escalatedToId ? db.user.findUnique({ where: { id: item.escalatedToId }, select: { name: true } }) : null,
    item.decision?.newOwnerId ? db.user.findUnique({ where: { id: item.decision.newOwnerId }, select: { name: true, email: true } }) : null,
    getWorkspacePolicy(actor.workspaceId),
  ]);
  const days: { day: string; calls: number; tokens: number }[] = [];
  for (let t = since.getTime(); t <= now.getTime(); t += DAY) {
    const key = new Date(t).toISOString().slice(0, 10);
    const row = activity.find((a) => a.day.toISOString().slice(0, 10) === key);
    days.push({ day: key, calls: Number(row?.calls ?? 0), tokens: Number(row?.tokens ?? 0) });
  }
  const usage = seen.length ? { usedEntitlements: usedEntitlements(snapshot.entitlements, seen), windowDays: USAGE_DAYS } : null;
  const recommendation = recommend({ snapshot, findings: item.findings, dormancyDays: policy.dormancyDays, usage, now });
  return { item, snapshot, history, activity: days, escalatedTo, newOwner, recommendation, mayDecideNow, exceptionMaxDays: policy.exceptionMaxDays };
}

export type ItemPage = NonNullable<Awaited<ReturnType<typeof getItemPage>>>;

/** "Kept ci-deployer at 14:02": the confirmation shown on the page the reviewer moves on to. */
export function getDecisionSummary(workspaceId: string, itemId: string | undefined) {
  if (!itemId || !/^itm_[0-9a-f]{32}$/.test(itemId)) return Promise.resolve(null);
  return db.decision.findFirst({ where: { workspaceId, itemId }, select: { kind: true, decidedAt: true, item: { select: { identity: { select: { name: true } } } } } });
}
