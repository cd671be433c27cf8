import { db } from "@/lib/db";

/** Sources with how many identities each holds now and their latest sync. */
export async function listSources(workspaceId: string) {
  const [sources, counts] = await Promise.all([
    db.source.findMany({
      where: { workspaceId },
      orderBy: { name: "asc" },
      include: { syncs: { orderBy: { startedAt: "desc" }, take: 1, select: { id: true, status: true, format: true, startedAt: true, finishedAt: true, seenCount: true } } },
    }),
    db.identity.groupBy({ by: ["sourceId"], where: { workspaceId, status: { not: "REMOVED" } }, _count: { _all: true } }),
  ]);
  const bySource = new Map(counts.map((c) => [c.sourceId, c._count._all]));
  return sources.map((s) => ({ ...s, identities: bySource.get(s.id) ?? 0, lastSync: s.syncs[0] ?? null }));
}

export function getSource(workspaceId: string, id: string) {
  return db.source.findFirst({ where: { id, workspaceId } });
}

export const SYNC_PAGE_SIZE = 25;

/** A source's sync history, newest first: the extraction record auditors ask for. */
export async function listSyncs(workspaceId: string, sourceId: string, page = 1) {
  const rows = await db.sourceSync.findMany({
    where: { workspaceId, sourceId },
    orderBy: { startedAt: "desc" },
    skip: (page - 1) * SYNC_PAGE_SIZE,
    take: SYNC_PAGE_SIZE + 1,
  });
  return { rows: rows.slice(0, SYNC_PAGE_SIZE), hasNext: rows.length > SYNC_PAGE_SIZE };
}

export function getSync(workspaceId: string, sourceId: string, syncId: string) {
  return db.sourceSync.findFirst({ where: { id: syncId, sourceId, workspaceId } });
}

/** What a poller needs to draw a progress bar and, at the end, the summary or the errors. */
export function syncView(sync: NonNullable<Awaited<ReturnType<typeof getSync>>>) {
  return {
    id: sync.id,
    sourceId: sync.sourceId,
    status: sync.status,
    format: sync.format,
    fileName: sync.fileName,
    fileSha256: sync.fileSha256,
    startedAt: sync.startedAt,
    finishedAt: sync.finishedAt,
    rowsParsed: sync.rowsParsed,
    rowsApplied: sync.rowsApplied,
    seen: sync.seenCount,
    added: sync.addedCount,
    changed: sync.changedCount,
    removed: sync.removedCount,
    stats: sync.stats,
    errors: sync.errors,
  };
}
export type SyncView = ReturnType<typeof syncView>;
