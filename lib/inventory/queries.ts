import { z } from "zod";
import { db } from "@/lib/db";
import { prefixedId } from "@/lib/ids";
import { IdentityKind } from "@/prisma/generated/enums";
import type { Prisma } from "@/prisma/generated/client";

export const PAGE_SIZE = 50;

const flag = z.preprocess((v) => (v === "1" || v === "true" || v === true ? true : undefined), z.literal(true).optional());
const optionalInt = (max: number) => z.coerce.number().int().min(0).max(max).optional().catch(undefined);

export const inventorySorts = ["name", "lastUsedAt", "blastRadius", "oldestCredentialAt"] as const;

/** The inventory's URL: every filter and the sort live in the query string so a view can be shared. */
export const inventoryFilter = z.object({
  q: z.string().trim().max(200).optional(),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
  source: prefixedId("src").optional().catch(undefined),
  kind: z.enum(IdentityKind).optional().catch(undefined),
  environment: z.string().trim().min(1).max(100).optional().catch(undefined),
  /** a person's id, or "none" for identities with no owner */
  owner: z.union([prefixedId("usr"), z.literal("none")]).optional().catch(undefined),
  orphan: flag,
  privileged: flag,
  dormant: flag,
  /** credentials older than this many days (oldest active credential) */
  credentialAge: optionalInt(10_000),
  /** blast radius at least this score */
  blast: optionalInt(100),
  status: z.enum(["active", "removed", "all"]).optional().catch(undefined),
  sort: z.enum(inventorySorts).optional().catch(undefined),
  dir: z.enum(["asc", "desc"]).optional().catch(undefined),
});
export type InventoryFilter = z.infer<typeof inventoryFilter>;

const DAY = 86_400_000;

/** The Prisma filter for an inventory view (also used to count a campaign's scope later). */
export function inventoryWhere(workspaceId: string, filter: InventoryFilter, options: { ownerId?: string; dormancyDays?: number; now?: Date } = {}): Prisma.IdentityWhereInput {
  const now = options.now ?? new Date();
  const and: Prisma.IdentityWhereInput[] = [];
  // Any part of the name (a trigram index answers it at 1M rows), or the exact external id (ARN, token id…).
  if (filter.q) and.push({ OR: [{ name: { contains: filter.q, mode: "insensitive" } }, { externalId: filter.q }] });
  if (filter.orphan) and.push({ OR: [{ ownerId: null, owningTeamId: null }, { owner: { status: "DEPARTED" } }] });
  if (filter.dormant) {
    const cutoff = new Date(now.getTime() - (options.dormancyDays ?? 90) * DAY);
    and.push({ OR: [{ lastUsedAt: { lt: cutoff } }, { lastUsedAt: null, createdAtSource: { lt: cutoff } }, { lastUsedAt: null, createdAtSource: null, firstSeenAt: { lt: cutoff } }] });
  }
  return {
    workspaceId,
    ...(options.ownerId ? { ownerId: options.ownerId } : {}),
    ...(filter.status === "removed" ? { status: "REMOVED" } : filter.status === "all" ? {} : { status: { not: "REMOVED" } }),
    ...(filter.source ? { sourceId: filter.source } : {}),
    ...(filter.kind ? { kind: filter.kind } : {}),
    ...(filter.environment ? { environment: filter.environment } : {}),
    ...(filter.owner === "none" ? { ownerId: null } : filter.owner && !options.ownerId ? { ownerId: filter.owner } : {}),
    ...(filter.privileged ? { privileged: true } : {}),
    ...(filter.credentialAge !== undefined ? { oldestCredentialAt: { lt: new Date(now.getTime() - filter.credentialAge * DAY) } } : {}),
    ...(filter.blast !== undefined ? { blastRadius: { gte: filter.blast } } : {}),
    ...(and.length ? { AND: and } : {}),
  };
}

/**
 * Sort column then id, both in the same direction and with PostgreSQL's default null placement, so
 * each sort is a scan of its (workspaceId, column, id) index: no sort step, whatever the table size.
 * Never-used identities therefore come last when sorting by last use ascending (stalest first).
 */
function orderBy(filter: InventoryFilter): Prisma.IdentityOrderByWithRelationInput[] {
  const sort = filter.sort ?? "name";
  const dir = filter.dir ?? (sort === "blastRadius" ? "desc" : "asc");
  if (sort === "lastUsedAt" || sort === "oldestCredentialAt") return [{ [sort]: { sort: dir, nulls: dir === "asc" ? "last" : "first" } }, { id: dir }];
  return [{ [sort]: dir }, { id: dir }];
}

/** One page of identities, scoped to the workspace and, for members, to what they own. */
export async function listIdentities(workspaceId: string, filter: InventoryFilter, ownerId?: string, options: { dormancyDays?: number } = {}) {
  const rows = await db.identity.findMany({
    where: inventoryWhere(workspaceId, filter, { ownerId, dormancyDays: options.dormancyDays }),
    orderBy: orderBy(filter),
    skip: (filter.page - 1) * PAGE_SIZE,
    take: PAGE_SIZE + 1,
    select: {
      id: true, name: true, kind: true, externalId: true, environment: true, status: true, privileged: true, lastUsedAt: true, blastRadius: true, oldestCredentialAt: true, ownerId: true, owningTeamId: true,
      source: { select: { name: true } },
      owner: { select: { name: true, status: true } },
      owningTeam: { select: { name: true } },
    },
  });
  return { rows: rows.slice(0, PAGE_SIZE), hasNext: rows.length > PAGE_SIZE };
}

/** One identity of the workspace, or null (another workspace's id is indistinguishable from a missing one). */
export function getIdentity(workspaceId: string, id: string) {
  return db.identity.findFirst({
    where: { id, workspaceId },
    include: {
      source: { select: { id: true, name: true, kind: true, lastSyncedAt: true } },
      owner: { select: { id: true, name: true, email: true, status: true } },
      owningTeam: { select: { id: true, name: true } },
      credentials: { orderBy: [{ status: "asc" }, { createdAt: "desc" }] },
      entitlements: { where: { status: "ACTIVE" }, orderBy: [{ privileged: "desc" }, { name: "asc" }] },
    },
  });
}

/** Where an identity's data came from and what changed: for the identity page's provenance panel. */
export async function identityHistory(workspaceId: string, identity: { id: string; firstSyncId: string | null; lastSyncId: string | null; ownerRuleId: string | null }) {
  const syncIds = [identity.firstSyncId, identity.lastSyncId].filter((x): x is string => Boolean(x));
  const [changes, syncs, rule, audit, removedEntitlements] = await Promise.all([
    db.changeRecord.findMany({ where: { workspaceId, identityId: identity.id }, orderBy: { occurredAt: "desc" }, take: 50 }),
    syncIds.length ? db.sourceSync.findMany({ where: { workspaceId, id: { in: syncIds } }, select: { id: true, format: true, fileName: true, fileSha256: true, startedAt: true, finishedAt: true, status: true } }) : [],
    identity.ownerRuleId ? db.ownerRule.findFirst({ where: { workspaceId, id: identity.ownerRuleId }, select: { name: true, pattern: true } }) : null,
    db.auditEvent.findMany({ where: { workspaceId, subjectId: identity.id }, orderBy: { seq: "desc" }, take: 20, select: { id: true, seq: true, action: true, actorLabel: true, at: true, data: true } }),
    db.entitlement.count({ where: { workspaceId, identityId: identity.id, status: "REMOVED" } }),
  ]);
  return { changes, syncs, rule, audit, removedEntitlements };
}

/** People and teams an owner can be chosen from. */
export async function ownerChoices(workspaceId: string) {
  const [users, teams] = await Promise.all([
    db.user.findMany({ where: { workspaceId, status: "ACTIVE" }, orderBy: { name: "asc" }, select: { id: true, name: true, email: true } }),
    db.team.findMany({ where: { workspaceId }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  return { users, teams };
}

export function listSourceChoices(workspaceId: string) {
  return db.source.findMany({ where: { workspaceId }, orderBy: { name: "asc" }, select: { id: true, name: true, kind: true } });
}

/** The workspace's dormancy threshold (policy), which the "dormant" filter uses. */
export async function dormancyDays(workspaceId: string): Promise<number> {
  const { workspacePolicy } = await import("@/lib/workspaces/policy");
  const ws = await db.workspace.findUnique({ where: { id: workspaceId }, select: { policy: true } });
  const parsed = workspacePolicy.safeParse(ws?.policy ?? {});
  return parsed.success ? parsed.data.dormancyDays : 90;
}
