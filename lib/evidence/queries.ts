import { db } from "@/lib/db";

export type PackView = {
  id: string; campaignId: string | null; status: string; progress: number; error: string | null; createdAt: string; readyAt: string | null;
  periodStart: string | null; periodEnd: string | null; sha256: string | null; manifestSha256: string | null; bytes: number | null;
  fingerprint: string | null; previousPackId: string | null; requestedBy: string | null;
};

const iso = (d: Date | null) => d?.toISOString() ?? null;

async function toViews(workspaceId: string, packs: Awaited<ReturnType<typeof db.evidencePack.findMany>>): Promise<PackView[]> {
  const keyIds = [...new Set(packs.map((p) => p.signingKeyId).filter((k): k is string => Boolean(k)))];
  const userIds = [...new Set(packs.map((p) => p.requestedById).filter((k): k is string => Boolean(k)))];
  const [keys, users] = await Promise.all([
    db.signingKey.findMany({ where: { workspaceId, id: { in: keyIds } }, select: { id: true, fingerprint: true } }),
    db.user.findMany({ where: { workspaceId, id: { in: userIds } }, select: { id: true, email: true } }),
  ]);
  return packs.map((p) => ({
    id: p.id, campaignId: p.campaignId, status: p.status, progress: p.progress, error: p.error, createdAt: p.createdAt.toISOString(), readyAt: iso(p.readyAt),
    periodStart: iso(p.periodStart), periodEnd: iso(p.periodEnd), sha256: p.sha256, manifestSha256: p.manifestSha256, bytes: p.bytes === null ? null : Number(p.bytes),
    fingerprint: keys.find((k) => k.id === p.signingKeyId)?.fingerprint ?? null, previousPackId: p.previousPackId, requestedBy: users.find((u) => u.id === p.requestedById)?.email ?? null,
  }));
}

/** Packs of the workspace, newest first: of one campaign, of periods only (campaignId null), or all. */
export async function listPacks(workspaceId: string, filter: { campaignId?: string | null } = {}, take = 50): Promise<PackView[]> {
  const packs = await db.evidencePack.findMany({
    where: { workspaceId, ...(filter.campaignId !== undefined ? { campaignId: filter.campaignId } : {}) },
    orderBy: { createdAt: "desc" },
    take,
  });
  return toViews(workspaceId, packs);
}

export async function getPackView(workspaceId: string, packId: string): Promise<PackView | null> {
  const pack = await db.evidencePack.findFirst({ where: { id: packId, workspaceId } });
  return pack ? (await toViews(workspaceId, [pack]))[0]! : null;
}

const campaignSelect = { id: true, name: true, kind: true, status: true, launchedAt: true, dueAt: true, closedAt: true, signedOffAt: true } as const;

async function withProgress<C extends { id: string }>(workspaceId: string, campaigns: C[]) {
  const ids = campaigns.map((c) => c.id);
  const [counts, decided, latest] = await Promise.all([
    db.reviewItem.groupBy({ by: ["campaignId"], where: { workspaceId, campaignId: { in: ids } }, _count: { _all: true } }),
    db.$queryRaw<{ campaignId: string; n: bigint }[]>`SELECT ri."campaignId", count(*)::bigint AS n FROM "ReviewItem" ri JOIN "Decision" d ON d."itemId" = ri.id
      WHERE ri."workspaceId" = ${workspaceId} AND ri."campaignId" = ANY(${ids}::text[]) GROUP BY 1`,
    db.evidencePack.findMany({ where: { workspaceId, campaignId: { in: ids } }, orderBy: [{ campaignId: "asc" }, { createdAt: "desc" }], distinct: ["campaignId"] }),
  ]);
  const views = await toViews(workspaceId, latest);
  return campaigns.map((c) => ({
    ...c,
    total: counts.find((x) => x.campaignId === c.id)?._count._all ?? 0,
    decided: Number(decided.find((x) => x.campaignId === c.id)?.n ?? 0),
    latestPack: views.find((v) => v.campaignId === c.id) ?? null,
  }));
}

/** Launched campaigns with progress and their latest pack, newest first (what an auditor picks from). */
export async function listEvidenceCampaigns(workspaceId: string, take = 200) {
  const campaigns = await db.campaign.findMany({ where: { workspaceId, status: { not: "DRAFT" } }, orderBy: [{ createdAt: "desc" }], take, select: campaignSelect });
  return withProgress(workspaceId, campaigns);
}

export async function getEvidenceCampaign(workspaceId: string, campaignId: string) {
  const campaign = await db.campaign.findFirst({ where: { id: campaignId, workspaceId, status: { not: "DRAFT" } }, select: campaignSelect });
  return campaign ? (await withProgress(workspaceId, [campaign]))[0]! : null;
}
