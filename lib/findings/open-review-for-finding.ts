import type { Tx } from "@/lib/db";
import type { Severity, TriggerKind } from "@/prisma/generated/enums";
import type { Prisma } from "@/prisma/generated/client";
import { snapshotOf } from "@/lib/reviews/snapshot";
import { chooseReviewer, dueDaysFor, riskScore, worst } from "@/lib/findings/rules";

// INTERIM (issue 4): the reviews helper owns `getOrCreateContinuousCampaign(workspaceId)` (lib/campaigns)
// and reviewer resolution (lib/reviews). Until those land, findings open review items through the two
// functions below; the lead swaps `getOrCreateContinuousCampaignInterim` and `chooseReviewer` for theirs.

export type StoredFinding = { id: string; identityId: string; kind: TriggerKind; severity: Severity; sentence: string; actorUserId: string | null; eventIds: string[] };

/** The workspace's ACTIVE continuous campaign, created on first need; an advisory lock keeps it to one. */
export async function getOrCreateContinuousCampaignInterim(tx: Tx, workspaceId: string, now = new Date()): Promise<{ id: string }> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${"continuous-campaign:" + workspaceId}, 0))`;
  const found = await tx.campaign.findFirst({ where: { workspaceId, kind: "CONTINUOUS", status: "ACTIVE" }, orderBy: { createdAt: "asc" }, select: { id: true } });
  if (found) return found;
  return tx.campaign.create({
    data: { workspaceId, name: "Continuous review", kind: "CONTINUOUS", status: "ACTIVE", startsAt: now, launchedAt: now, scope: { fedBy: "findings" } },
    select: { id: true },
  });
}

const reasonOf = (f: StoredFinding) => ({ kind: f.kind, sentence: f.sentence, severity: f.severity, findingId: f.id, eventIds: f.eventIds.slice(0, 20) });

/**
 * Puts each finding on its identity's pending item in the continuous campaign, opening one when there
 * is none; a joined item whose reviewer caused one of the new findings is handed to someone else.
 * Runs inside the caller's transaction, so findings and items commit together.
 */
export async function openReviewForFindings(tx: Tx, workspaceId: string, findings: StoredFinding[], now = new Date()): Promise<{ opened: number; joined: number }> {
  if (!findings.length) return { opened: 0, joined: 0 };
  const campaign = await getOrCreateContinuousCampaignInterim(tx, workspaceId, now);
  const byIdentity = new Map<string, StoredFinding[]>();
  for (const f of findings) byIdentity.set(f.identityId, [...(byIdentity.get(f.identityId) ?? []), f]);
  const identityIds = [...byIdentity.keys()];

  const open = await tx.reviewItem.findMany({ where: { workspaceId, campaignId: campaign.id, identityId: { in: identityIds }, status: { in: ["PENDING", "ESCALATED"] } }, orderBy: { createdAt: "asc" } });
  const identities = await tx.identity.findMany({
    where: { workspaceId, id: { in: identityIds } },
    include: { credentials: { where: { status: { not: "REMOVED" } } }, entitlements: { where: { status: "ACTIVE" } }, owner: { select: { status: true } }, owningTeam: { select: { leadId: true, lead: { select: { status: true } } } } },
  });
  const workspace = await tx.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { fallbackReviewerId: true } });
  const identityById = new Map(identities.map((i) => [i.id, i]));
  const reviewerFor = (identityId: string, changedBy: string[]) => {
    const i = identityById.get(identityId)!;
    return chooseReviewer({
      ownerId: i.ownerId, ownerActive: i.owner?.status === "ACTIVE", teamLeadId: i.owningTeam?.leadId ?? null, teamLeadActive: i.owningTeam?.lead?.status === "ACTIVE",
      fallbackId: workspace.fallbackReviewerId, changedBy,
    });
  };
  const links: { findingId: string; itemId: string }[] = [];
  let opened = 0;
  let joined = 0;

  for (const [identityId, list] of byIdentity) {
    const identity = identityById.get(identityId);
    if (!identity) continue;
    const changedBy = [...new Set(list.map((f) => f.actorUserId).filter((x): x is string => Boolean(x)))];
    const existing = open.find((item) => item.identityId === identityId);
    if (existing) {
      const reasons = [...(Array.isArray(existing.reasons) ? (existing.reasons as Prisma.JsonArray) : []), ...list.map(reasonOf)];
      const data: Prisma.ReviewItemUpdateInput = { reasons, riskScore: Math.min(100, existing.riskScore + riskScore(0, list.map((f) => f.severity))) };
      if (existing.reviewerId && changedBy.includes(existing.reviewerId)) {
        const next = reviewerFor(identityId, changedBy).reviewerId;
        data.reviewer = next ? { connect: { id: next } } : { disconnect: true };
      }
      await tx.reviewItem.update({ where: { id: existing.id }, data });
      for (const f of list) links.push({ findingId: f.id, itemId: existing.id });
      joined++;
      continue;
    }
    const severity = worst(list.map((f) => f.severity));
    const item = await tx.reviewItem.create({
      data: {
        workspaceId, campaignId: campaign.id, identityId, reviewerId: reviewerFor(identityId, changedBy).reviewerId,
        snapshot: snapshotOf(identity, identity.credentials, identity.entitlements, now),
        reasons: list.map(reasonOf), riskScore: riskScore(identity.blastRadius, list.map((f) => f.severity)),
        dueAt: new Date(now.getTime() + dueDaysFor(severity) * 86_400_000),
      },
      select: { id: true },
    });
    for (const f of list) links.push({ findingId: f.id, itemId: item.id });
    opened++;
  }
  if (links.length) {
    await tx.$executeRawUnsafe(
      `UPDATE "Finding" f SET "reviewItemId" = u.item, status = 'IN_REVIEW' FROM unnest($2::text[], $3::text[]) AS u(id, item) WHERE f.id = u.id AND f."workspaceId" = $1`,
      workspaceId, links.map((l) => l.findingId), links.map((l) => l.itemId),
    );
  }
  return { opened, joined };
}
