import { db } from "@/lib/db";

/** People of the workspace with how many (non-removed) identities each owns. */
export async function listPeople(workspaceId: string) {
  const [users, owned] = await Promise.all([
    db.user.findMany({ where: { workspaceId }, orderBy: [{ status: "asc" }, { name: "asc" }], select: { id: true, name: true, email: true, role: true, status: true, departedAt: true } }),
    db.identity.groupBy({ by: ["ownerId"], where: { workspaceId, status: { not: "REMOVED" }, ownerId: { not: null } }, _count: { _all: true } }),
  ]);
  const byOwner = new Map(owned.map((o) => [o.ownerId, o._count._all]));
  return users.map((u) => ({ ...u, identities: byOwner.get(u.id) ?? 0 }));
}

export function listOwnerRules(workspaceId: string) {
  return db.ownerRule.findMany({ where: { workspaceId }, orderBy: [{ position: "asc" }, { createdAt: "asc" }] });
}
