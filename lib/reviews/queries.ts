import { db } from "@/lib/db";
import { Prisma } from "@/prisma/generated/client";
import type { IdentitySnapshot } from "@/lib/reviews/snapshot";
import type { InboxFilter } from "@/lib/reviews/schema";

const DAY = 86_400_000;
export const INBOX_PAGE = 100;

/** A reviewer's open items, most urgent first (due date, then risk). */
export function listMyPendingItems(workspaceId: string, reviewerId: string, take = 100) {
  return db.reviewItem.findMany({
    where: { workspaceId, reviewerId, status: { in: ["PENDING", "ESCALATED"] } },
    orderBy: [{ dueAt: "asc" }, { riskScore: "desc" }],
    take,
    select: {
      id: true,
      dueAt: true,
      status: true,
      reasons: true,
      riskScore: true,
      campaign: { select: { id: true, name: true } },
      identity: { select: { id: true, name: true, kind: true, lastUsedAt: true, blastRadius: true, source: { select: { name: true } } } },
    },
  });
}

/** People whose reviews `userId` may decide right now (active out-of-office delegations to them). */
export async function delegatorsOf(workspaceId: string, userId: string, now = new Date()): Promise<string[]> {
  const rows = await db.delegation.findMany({ where: { workspaceId, delegateId: userId, startsAt: { lte: now }, endsAt: { gt: now } }, select: { userId: true } });
  return [...new Set(rows.map((r) => r.userId))];
}

/** Everything the person may decide: assigned, escalated to them, or delegated to them. */
function deciderWhere(workspaceId: string, userId: string, delegators: string[]): Prisma.ReviewItemWhereInput {
  return {
    workspaceId,
    status: { in: ["PENDING", "ESCALATED"] },
    OR: [{ reviewerId: { in: [userId, ...delegators] } }, { escalatedToId: userId }],
  };
}

function filterWhere(filter: InboxFilter, now: Date): Prisma.ReviewItemWhereInput {
  return {
    ...(filter.campaign ? { campaignId: filter.campaign } : {}),
    ...(filter.due === "overdue" ? { dueAt: { lt: now } } : filter.due === "week" ? { dueAt: { lt: new Date(now.getTime() + 7 * DAY) } } : {}),
    ...(filter.findings === "with" ? { findings: { some: {} } } : filter.findings === "without" ? { findings: { none: {} } } : {}),
    // Only join the identity when a filter needs it (an empty relation filter still costs a subquery).
    ...(filter.kind || filter.q
      ? { identity: { ...(filter.kind ? { kind: filter.kind } : {}), ...(filter.q ? { name: { contains: filter.q, mode: "insensitive" as const } } : {}) } }
      : {}),
  };
}

/**
 * "My reviews": open items the person may decide, most urgent first (due date, then risk), one page,
 * with what the row and its menus need (first finding, recommendation, entitlements for Reduce…).
 */
export async function listInbox(workspaceId: string, userId: string, filter: InboxFilter, page = 1, now = new Date()) {
  const delegators = await delegatorsOf(workspaceId, userId, now);
  const base = deciderWhere(workspaceId, userId, delegators);
  const where: Prisma.ReviewItemWhereInput = { AND: [base, filterWhere(filter, now)] };
  const [rows, total, campaigns] = await Promise.all([
    db.reviewItem.findMany({
      where,
      orderBy: [{ dueAt: "asc" }, { riskScore: "desc" }, { id: "asc" }],
      skip: (page - 1) * INBOX_PAGE,
      take: INBOX_PAGE + 1,
      select: {
        id: true, dueAt: true, status: true, reasons: true, riskScore: true, recommendation: true, recommendationReason: true, reviewerId: true, escalatedToId: true, snapshot: true,
        campaign: { select: { id: true, name: true } },
        identity: { select: { id: true, name: true, kind: true, lastUsedAt: true, blastRadius: true, source: { select: { name: true } } } },
        findings: { select: { severity: true, sentence: true }, orderBy: { createdAt: "asc" } },
      },
    }),
    db.reviewItem.count({ where }),
    // The campaign filter's options with their open counts, in one round trip.
    db.$queryRaw<{ id: string; name: string; open: bigint }[]>(Prisma.sql`
      SELECT c.id, c.name, count(*)::bigint AS open FROM "ReviewItem" ri JOIN "Campaign" c ON c.id = ri."campaignId"
      WHERE ri."workspaceId" = ${workspaceId} AND ri.status IN ('PENDING', 'ESCALATED')
        AND (ri."reviewerId" IN (${Prisma.join([userId, ...delegators])}) OR ri."escalatedToId" = ${userId})
      GROUP BY c.id, c.name ORDER BY c.name`),
  ]);
  const items = rows.slice(0, INBOX_PAGE).map(({ snapshot, ...row }) => ({
    ...row,
    entitlements: ((snapshot as unknown as IdentitySnapshot).entitlements ?? []).map((e) => ({ id: e.id, name: e.name, resource: e.resource, privileged: e.privileged })),
  }));
  return { items, total, hasNext: rows.length > INBOX_PAGE, campaigns: campaigns.map((c) => ({ id: c.id, name: c.name, open: Number(c.open) })) };
}

export type InboxItem = Awaited<ReturnType<typeof listInbox>>["items"][number];

/** The next open item for the person after `afterItemId` in inbox order (to move on without a reload). */
export async function nextOpenItemId(workspaceId: string, userId: string, afterItemId: string, now = new Date()): Promise<string | null> {
  const next = await db.reviewItem.findFirst({
    where: { AND: [deciderWhere(workspaceId, userId, await delegatorsOf(workspaceId, userId, now)), { id: { not: afterItemId } }] },
    orderBy: [{ dueAt: "asc" }, { riskScore: "desc" }, { id: "asc" }],
    select: { id: true },
  });
  return next?.id ?? null;
}

/** For API keys (no person): every open item of the workspace, same filters and order, one page. */
export async function listOpenItems(workspaceId: string, filter: InboxFilter, page = 1, now = new Date()) {
  const rows = await db.reviewItem.findMany({
    where: { AND: [{ workspaceId, status: { in: ["PENDING", "ESCALATED"] } }, filterWhere(filter, now)] },
    orderBy: [{ dueAt: "asc" }, { riskScore: "desc" }, { id: "asc" }],
    skip: (page - 1) * INBOX_PAGE,
    take: INBOX_PAGE + 1,
    select: { id: true, dueAt: true, status: true, reasons: true, riskScore: true, reviewerId: true, escalatedToId: true, recommendation: true, recommendationReason: true, campaign: { select: { id: true, name: true } }, identity: { select: { id: true, name: true, kind: true } } },
  });
  return { items: rows.slice(0, INBOX_PAGE), hasNext: rows.length > INBOX_PAGE };
}

/** One item for the API; members see only items assigned, escalated to or decided by them. */
export function getReviewItemForApi(workspaceId: string, itemId: string, member: string | null) {
  return db.reviewItem.findFirst({
    where: { id: itemId, workspaceId, ...(member ? { OR: [{ reviewerId: member }, { escalatedToId: member }, { decision: { deciderId: member } }] } : {}) },
    select: {
      id: true, status: true, dueAt: true, reasons: true, snapshot: true, recommendation: true, recommendationReason: true, reviewerId: true, escalatedToId: true, createdAt: true,
      campaign: { select: { id: true, name: true, status: true } },
      findings: { select: { id: true, kind: true, severity: true, sentence: true, createdAt: true } },
      decision: { select: { id: true, kind: true, channel: true, justification: true, exceptionUntil: true, removeEntitlementIds: true, newOwnerId: true, decidedAt: true, deciderId: true } },
    },
  });
}
