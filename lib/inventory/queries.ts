import { z } from "zod";
import { db } from "@/lib/db";
import type { Prisma } from "@/prisma/generated/client";

export const PAGE_SIZE = 50;

export const inventoryFilter = z.object({
  q: z.string().trim().max(200).optional(),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type InventoryFilter = z.infer<typeof inventoryFilter>;

/** One page of identities, scoped to the workspace and, for members, to what they own. */
export async function listIdentities(workspaceId: string, filter: InventoryFilter, ownerId?: string) {
  const where: Prisma.IdentityWhereInput = {
    workspaceId,
    ...(ownerId ? { ownerId } : {}),
    ...(filter.q ? { OR: [{ name: { contains: filter.q, mode: "insensitive" } }, { externalId: { startsWith: filter.q } }] } : {}),
  };
  const rows = await db.identity.findMany({
    where,
    orderBy: [{ name: "asc" }, { id: "asc" }],
    skip: (filter.page - 1) * PAGE_SIZE,
    take: PAGE_SIZE + 1,
    select: {
      id: true, name: true, kind: true, externalId: true, environment: true, status: true, privileged: true, lastUsedAt: true, blastRadius: true,
      source: { select: { name: true } },
      owner: { select: { name: true, status: true } },
    },
  });
  return { rows: rows.slice(0, PAGE_SIZE), hasNext: rows.length > PAGE_SIZE };
}

/** One identity of the workspace, or null (another workspace's id is indistinguishable from a missing one). */
export function getIdentity(workspaceId: string, id: string) {
  return db.identity.findFirst({
    where: { id, workspaceId },
    include: {
      source: { select: { name: true, kind: true, lastSyncedAt: true } },
      owner: { select: { id: true, name: true, email: true, status: true } },
      owningTeam: { select: { name: true } },
      credentials: { orderBy: { createdAt: "desc" } },
      entitlements: { where: { status: "ACTIVE" }, orderBy: [{ privileged: "desc" }, { name: "asc" }] },
    },
  });
}
