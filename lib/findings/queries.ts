import { db } from "@/lib/db";
import type { Prisma } from "@/prisma/generated/client";
import type { FindingStatus } from "@/prisma/generated/enums";
import type { FindingsFilter } from "@/lib/findings/schema";

export function listOpenFindings(workspaceId: string, take = 100) {
  return db.finding.findMany({
    where: { workspaceId, status: { in: ["OPEN", "IN_REVIEW"] } },
    orderBy: [{ severity: "desc" }, { createdAt: "desc" }],
    take,
    select: { id: true, kind: true, severity: true, sentence: true, createdAt: true, reviewItemId: true, identity: { select: { id: true, name: true } } },
  });
}

export const FINDINGS_PAGE_SIZE = 50;

/** One page of findings, most severe and newest first, filtered by severity, rule, status and identity (name, external id or id). */
export async function listFindings(workspaceId: string, filter: FindingsFilter) {
  const where: Prisma.FindingWhereInput = {
    workspaceId,
    ...(filter.severity ? { severity: filter.severity } : {}),
    ...(filter.kind ? { kind: filter.kind } : {}),
    ...(filter.status === "UNRESOLVED" ? { status: { in: ["OPEN", "IN_REVIEW"] } } : filter.status ? { status: filter.status as FindingStatus } : {}),
    ...(filter.identity
      ? { OR: [{ identityId: filter.identity }, { identity: { name: { contains: filter.identity, mode: "insensitive" } } }, { identity: { externalId: { startsWith: filter.identity } } }] }
      : {}),
  };
  const rows = await db.finding.findMany({
    where,
    orderBy: [{ severity: "desc" }, { createdAt: "desc" }, { id: "asc" }],
    skip: (filter.page - 1) * FINDINGS_PAGE_SIZE,
    take: FINDINGS_PAGE_SIZE + 1,
    select: {
      id: true, kind: true, severity: true, status: true, sentence: true, createdAt: true, reviewItemId: true, eventIds: true,
      identity: { select: { id: true, name: true, discoveredBy: true } },
    },
  });
  return { rows: rows.slice(0, FINDINGS_PAGE_SIZE), hasNext: rows.length > FINDINGS_PAGE_SIZE };
}

/** An identity's findings, newest first, for its activity page. */
export function findingsForIdentity(workspaceId: string, identityId: string, take = 50) {
  return db.finding.findMany({
    where: { workspaceId, identityId },
    orderBy: { createdAt: "desc" },
    take,
    select: { id: true, kind: true, severity: true, status: true, sentence: true, createdAt: true, reviewItemId: true, eventIds: true },
  });
}
