import type { PackReader } from "@/lib/evidence/reader";
import type { CampaignRow, SourceCount } from "@/lib/evidence/facts";
import type { PackScope } from "@/lib/evidence/scope";
import { cells } from "@/lib/evidence/normalize";

// IPE: for each campaign and source, how the population was extracted (the sync record: format, file
// hash, parameters, counts, times) and how the reviewed snapshot reconciles to the source's totals.

type SyncRecord = {
  id: string; format: string; fileName: string | null; fileSha256: string | null; parameters: unknown; status: string; startedAt: string; finishedAt: string | null;
  rowsParsed: number; rowsApplied: number; seenCount: number; addedCount: number; changedCount: number; removedCount: number; errors: unknown;
};
type LaunchSource = { id: string; name?: string; kind?: string; count?: number; lastSync?: { id?: string } | null };
type LaunchPopulation = { filters?: unknown; takenAt?: string; total?: number; sources?: LaunchSource[]; query?: unknown; frozenAt?: string; launchedBy?: string };

export type PopulationPair = {
  campaign: Pick<CampaignRow, "id" | "kind" | "launchedAt">; sourceId: string; sourceName: string; sourceKind: string;
  inSnapshot: number; launch: LaunchSource | null; population: LaunchPopulation | null; sync: SyncRecord | null;
};

/** Per campaign and source: the items frozen (counted with the facts, see facts.ts), the launch census and the extraction record. */
export async function loadPopulation(r: PackReader, scope: PackScope, campaigns: CampaignRow[], sourceCounts: SourceCount[]): Promise<PopulationPair[]> {
  const ids = [...new Set(sourceCounts.map((x) => x.sourceId).filter(Boolean))];
  const sources = ids.length ? await r.rows<{ id: string; name: string; kind: string }>(`SELECT id, name, kind::text AS kind FROM "Source" WHERE "workspaceId" = $1 AND id = ANY($2::text[])`, [scope.workspaceId, ids]) : [];
  const byId = new Map(sources.map((s) => [s.id, s]));
  const counts = sourceCounts
    .map((x) => ({ ...x, name: byId.get(x.sourceId)?.name ?? null, kind: byId.get(x.sourceId)?.kind ?? null }))
    .sort((a, b) => a.campaignId.localeCompare(b.campaignId) || (a.name ?? "").localeCompare(b.name ?? ""));
  const pairs: PopulationPair[] = [];
  for (const c of campaigns) {
    const population = (c.population && typeof c.population === "object" ? c.population : null) as LaunchPopulation | null;
    const mine = counts.filter((x) => x.campaignId === c.id);
    // Sources the launch census counted but of which no item was frozen still belong in the reconciliation.
    for (const s of population?.sources ?? []) if ((s.count ?? 0) > 0 && !mine.some((m) => m.sourceId === s.id)) mine.push({ campaignId: c.id, sourceId: s.id, n: 0, name: s.name ?? s.id, kind: s.kind ?? null });
    for (const m of mine) {
      const launch = population?.sources?.find((s) => s.id === m.sourceId) ?? null;
      const syncSql = `SELECT id, format, "fileName", "fileSha256", parameters, status::text AS status, "startedAt", "finishedAt", "rowsParsed", "rowsApplied",
                              "seenCount", "addedCount", "changedCount", "removedCount", errors FROM "SourceSync" WHERE "workspaceId" = $1 AND "sourceId" = $2`;
      const [sync] = launch?.lastSync?.id
        ? await r.rows<SyncRecord>(`${syncSql} AND id = $3`, [scope.workspaceId, m.sourceId, launch.lastSync.id])
        : await r.rows<SyncRecord>(`${syncSql} AND status = 'SUCCEEDED' AND ($3::text IS NULL OR "startedAt" <= ($3::timestamptz AT TIME ZONE 'UTC')) ORDER BY "startedAt" DESC LIMIT 1`,
            [scope.workspaceId, m.sourceId, c.launchedAt]);
      pairs.push({ campaign: c, sourceId: m.sourceId, sourceName: m.name ?? m.sourceId, sourceKind: m.kind ?? "unknown", inSnapshot: m.n, launch, population, sync: sync ?? null });
    }
  }
  return pairs;
}

/** How the snapshot count for one campaign and source is explained; null when it is not. */
export function explainDifference(p: PopulationPair): { text: string; explained: boolean } {
  if (p.campaign.kind === "CONTINUOUS") return { text: "continuous review: items are opened by findings, not by a census", explained: true };
  const inScope = p.launch?.count;
  if (inScope === undefined) return { text: "no launch census recorded for this campaign", explained: false };
  if (inScope !== p.inSnapshot) return { text: `snapshot differs from the launch census by ${p.inSnapshot - inScope}`, explained: false };
  const outside = p.sync ? p.sync.seenCount - inScope : 0;
  return { text: outside > 0 ? `matches the launch census; ${outside} identities in the source are outside the campaign's scope filter or not active` : "matches the launch census", explained: true };
}

export function extractionJson(pairs: PopulationPair[], generatedAt: string) {
  return {
    generated_at_utc: generatedAt,
    note: "One entry per campaign and source: the inventory extraction (sync) the frozen population came from, and the launch census query.",
    sources: pairs.map((p) => ({
      campaign_id: p.campaign.id,
      source_id: p.sourceId,
      source_name: p.sourceName,
      source_kind: p.sourceKind,
      extraction: p.sync ? {
        sync_id: p.sync.id, format: p.sync.format, file_name: p.sync.fileName, file_sha256: p.sync.fileSha256, parameters: p.sync.parameters, status: p.sync.status,
        started_at_utc: p.sync.startedAt, finished_at_utc: p.sync.finishedAt, raw_record_count: p.sync.rowsParsed, normalized_record_count: p.sync.rowsApplied,
        counts: { seen: p.sync.seenCount, added: p.sync.addedCount, changed: p.sync.changedCount, removed: p.sync.removedCount }, errors: p.sync.errors ?? [],
      } : null,
      population_query: p.population ? { filters: p.population.filters ?? null, query: p.population.query ?? null, taken_at_utc: p.population.takenAt ?? null, frozen_at_utc: p.population.frozenAt ?? null, launched_by: p.population.launchedBy ?? null } : null,
      count_in_scope_at_launch: p.launch?.count ?? null,
      count_in_snapshot: p.inSnapshot,
    })),
  };
}

export function reconciliationRows(pairs: PopulationPair[], generatedAt: string): string[][] {
  return pairs.map((p) => {
    const { text } = explainDifference(p);
    const reference = p.launch?.count ?? p.sync?.seenCount ?? null;
    return cells([p.campaign.id, p.sourceId, p.sourceName, p.sync?.seenCount, p.launch?.count, p.inSnapshot, reference === null ? null : p.inSnapshot - reference, text, p.sync?.id, generatedAt]);
  });
}

export function populationFacts(pairs: PopulationPair[]) {
  return {
    sources: new Set(pairs.map((p) => p.sourceId)).size,
    sourcesWithoutExtraction: [...new Set(pairs.filter((p) => !p.sync).map((p) => p.sourceName))],
    unexplainedDifferences: [...new Set(pairs.filter((p) => !explainDifference(p).explained).map((p) => p.sourceName))],
  };
}
