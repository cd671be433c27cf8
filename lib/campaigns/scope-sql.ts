import { Prisma } from "@/prisma/generated/client";
import type { CampaignScope } from "@/lib/campaigns/schema";

const { sql, join, empty } = Prisma;

/**
 * The SQL condition (over `"Identity" i`) selecting a campaign's population. The live count, the
 * launch's INSERT … SELECT and the population record all use this one function, so what the manager
 * saw counted is exactly what gets frozen. Removed identities are never in scope.
 */
export function scopeWhere(workspaceId: string, scope: CampaignScope): Prisma.Sql {
  const parts: Prisma.Sql[] = [sql`i."workspaceId" = ${workspaceId}`, sql`i.status = 'ACTIVE'`];
  if (scope.sourceIds.length) parts.push(sql`i."sourceId" IN (${join(scope.sourceIds)})`);
  if (scope.kinds.length) parts.push(sql`i.kind::text IN (${join(scope.kinds)})`);
  if (scope.environments.length) parts.push(sql`i.environment IN (${join(scope.environments)})`);
  if (scope.privileged === "only") parts.push(sql`i.privileged = true`);
  if (scope.privileged === "exclude") parts.push(sql`i.privileged = false`);
  const orphan = sql`NOT EXISTS (SELECT 1 FROM "User" ou WHERE ou.id = i."ownerId" AND ou.status = 'ACTIVE')`;
  if (scope.ownerIds.length && scope.orphans) parts.push(sql`(i."ownerId" IN (${join(scope.ownerIds)}) OR ${orphan})`);
  else if (scope.ownerIds.length) parts.push(sql`i."ownerId" IN (${join(scope.ownerIds)})`);
  else if (scope.orphans) parts.push(orphan);
  for (const tag of scope.tags) parts.push(sql`i.tags @> jsonb_build_object(${tag.key}::text, ${tag.value}::text)`);
  return parts.length ? join(parts, " AND ") : empty;
}
