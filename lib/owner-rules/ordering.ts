import type { Tx } from "@/lib/db";

/** Pure: the ids in their new order after moving `id` to 0-based `index` (clamped to the list). */
export function reorder(ids: readonly string[], id: string, index: number): string[] {
  const rest = ids.filter((x) => x !== id);
  if (rest.length === ids.length) return [...ids];
  const at = Math.max(0, Math.min(index, rest.length));
  return [...rest.slice(0, at), id, ...rest.slice(at)];
}

/**
 * Serializes changes to one workspace's rule order: positions are read and rewritten under this
 * transaction-scoped lock, so two moves (or a move and a create) never interleave.
 */
export async function lockRules(tx: Tx, workspaceId: string) {
  await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(hashtextextended('owner-rules:' || $1, 0))`, workspaceId);
}

/** The workspace's rule ids in evaluation order. */
export async function orderedRuleIds(tx: Tx, workspaceId: string): Promise<string[]> {
  const rules = await tx.ownerRule.findMany({ where: { workspaceId }, orderBy: [{ position: "asc" }, { createdAt: "asc" }, { id: "asc" }], select: { id: true } });
  return rules.map((r) => r.id);
}

/** Writes positions 1..n for `ids` (only the rows whose position differs are touched). */
export async function writePositions(tx: Tx, workspaceId: string, ids: readonly string[]) {
  if (!ids.length) return;
  await tx.$executeRawUnsafe(
    `UPDATE "OwnerRule" r SET position = o.position FROM unnest($2::text[]) WITH ORDINALITY AS o(id, position)
     WHERE r.id = o.id AND r."workspaceId" = $1 AND r.position IS DISTINCT FROM o.position::int`,
    workspaceId,
    ids,
  );
}
