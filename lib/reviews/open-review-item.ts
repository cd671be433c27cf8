import type { Tx } from "@/lib/db";
import type { Prisma } from "@/prisma/generated/client";
import type { Severity } from "@/prisma/generated/enums";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Actor } from "@/lib/authz/actor";
import { getOrCreateContinuousCampaign } from "@/lib/campaigns/get-or-create-continuous-campaign";
import { getWorkspacePolicy } from "@/lib/reviews/decision-context";
import { recommend } from "@/lib/reviews/recommendation";
import { resolveReviewerFor } from "@/lib/reviews/resolve-reviewer";
import { continuousDueAt } from "@/lib/reviews/rules";
import { snapshotOf, type IdentitySnapshot } from "@/lib/reviews/snapshot";

export type Reason = { kind: string; sentence: string; [key: string]: unknown };

/** The identity as it is now, with who owns it and where it came from, for freezing onto an item. */
export async function takeSnapshot(tx: Tx, workspaceId: string, identityId: string, now = new Date()): Promise<IdentitySnapshot> {
  const identity = await tx.identity.findFirstOrThrow({
    where: { id: identityId, workspaceId },
    include: {
      // Same order as the bulk snapshot SQL (lib/campaigns/launch-campaign-job.ts), ties broken by id.
      credentials: { where: { status: { not: "REMOVED" } }, orderBy: [{ createdAt: { sort: "asc", nulls: "first" } }, { id: "asc" }] },
      entitlements: { where: { status: "ACTIVE" }, orderBy: [{ privileged: "desc" }, { name: "asc" }, { id: "asc" }] },
      owner: { select: { name: true, email: true, status: true } },
      owningTeam: { select: { name: true } },
      source: { select: { name: true, kind: true, lastSyncedAt: true } },
    },
  });
  return {
    ...snapshotOf(identity, identity.credentials, identity.entitlements, now),
    context: {
      ownerName: identity.owner?.name ?? null,
      ownerEmail: identity.owner?.email ?? null,
      ownerStatus: identity.owner?.status ?? null,
      teamName: identity.owningTeam?.name ?? null,
      sourceName: identity.source.name,
      sourceKind: identity.source.kind,
      sourceSyncedAt: identity.source.lastSyncedAt?.toISOString() ?? null,
      purpose: identity.purpose,
    },
  };
}

export type OpenItemParams = {
  campaignId: string;
  identityId: string;
  reasons: Reason[];
  dueAt: Date;
  /** undefined: resolve owner → team lead → fallback; a value (or null) assigns directly. */
  reviewerId?: string | null;
  excludedUserIds?: string[];
  snapshot?: IdentitySnapshot;
  findingIds?: string[];
};

/**
 * Opens one pending review item with a frozen snapshot, its reviewer and a recommendation, links the
 * findings that caused it, and audits it — all in the caller's transaction.
 */
export async function openReviewItem(tx: Tx, actor: Actor, params: OpenItemParams) {
  const { workspaceId } = actor;
  const now = new Date();
  const snapshot = params.snapshot ?? (await takeSnapshot(tx, workspaceId, params.identityId, now));
  const resolution = params.reviewerId === undefined ? await resolveReviewerFor(tx, workspaceId, params.identityId, params.excludedUserIds) : null;
  const reviewerId = resolution ? resolution.reviewerId : (params.reviewerId ?? null);
  const findings = params.findingIds?.length
    ? await tx.finding.findMany({ where: { workspaceId, id: { in: params.findingIds } }, select: { id: true, severity: true, kind: true } })
    : [];
  const policy = await getWorkspacePolicy(workspaceId, tx);
  const rec = recommend({ snapshot, findings, dormancyDays: policy.dormancyDays, now });
  const item = await tx.reviewItem.create({
    data: {
      workspaceId,
      campaignId: params.campaignId,
      identityId: params.identityId,
      reviewerId,
      snapshot: snapshot as unknown as Prisma.InputJsonObject,
      reasons: params.reasons as Prisma.InputJsonArray,
      recommendation: rec.decision,
      recommendationReason: rec.reason,
      riskScore: snapshot.identity.blastRadius + findings.reduce((n, f) => n + severityWeight(f.severity), 0),
      dueAt: params.dueAt,
    },
  });
  if (findings.length) {
    await tx.finding.updateMany({ where: { workspaceId, id: { in: findings.map((f) => f.id) } }, data: { reviewItemId: item.id, status: "IN_REVIEW" } });
  }
  await recordAudit(tx, actor, "review.opened", { type: "ReviewItem", id: item.id }, {
    campaignId: params.campaignId, identityId: params.identityId, reviewerId, route: resolution?.route ?? "ASSIGNED", skipped: resolution?.skipped ?? [], reasons: params.reasons.map((r) => r.kind), findingIds: findings.map((f) => f.id),
  });
  return item;
}

export function severityWeight(severity: Severity): number {
  return { LOW: 5, MEDIUM: 15, HIGH: 40, CRITICAL: 80 }[severity];
}

/**
 * For triggered reviews: joins the identity's open item in the continuous campaign (adding the reasons
 * and findings) or opens a new one due by the worst finding's deadline. If a joining finding was caused
 * by the current reviewer, the item is routed to the next person in the resolution chain.
 */
export async function openOrJoinContinuousItem(tx: Tx, actor: Actor, params: { identityId: string; reasons: Reason[]; findingIds?: string[]; excludedUserIds?: string[] }) {
  const { workspaceId } = actor;
  const campaign = await getOrCreateContinuousCampaign(workspaceId, tx);
  // One open continuous item per identity: serialise joiners for this identity.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${"continuous-item:" + params.identityId}, 0))`;
  const findings = params.findingIds?.length
    ? await tx.finding.findMany({ where: { workspaceId, id: { in: params.findingIds } }, select: { id: true, severity: true, actorUserId: true } })
    : [];
  const excluded = [...new Set([...(params.excludedUserIds ?? []), ...findings.map((f) => f.actorUserId).filter((id): id is string => Boolean(id))])];
  const open = await tx.reviewItem.findFirst({
    where: { workspaceId, campaignId: campaign.id, identityId: params.identityId, status: { in: ["PENDING", "ESCALATED"] } },
    include: { findings: { select: { actorUserId: true } } },
  });
  if (!open) {
    return openReviewItem(tx, actor, {
      campaignId: campaign.id, identityId: params.identityId, reasons: params.reasons, findingIds: findings.map((f) => f.id), excludedUserIds: excluded,
      dueAt: continuousDueAt(findings.map((f) => f.severity), new Date()),
    });
  }
  const allExcluded = [...new Set([...excluded, ...open.findings.map((f) => f.actorUserId).filter((id): id is string => Boolean(id))])];
  const reroute = open.reviewerId && allExcluded.includes(open.reviewerId) ? await resolveReviewerFor(tx, workspaceId, params.identityId, allExcluded) : null;
  const sooner = continuousDueAt(findings.map((f) => f.severity), new Date());
  await tx.reviewItem.update({
    where: { id: open.id },
    data: {
      reasons: [...((open.reasons as Reason[] | null) ?? []), ...params.reasons] as Prisma.InputJsonArray,
      dueAt: sooner < open.dueAt ? sooner : open.dueAt,
      riskScore: open.riskScore + findings.reduce((n, f) => n + severityWeight(f.severity), 0),
      ...(reroute ? { reviewerId: reroute.reviewerId } : {}),
    },
  });
  if (findings.length) await tx.finding.updateMany({ where: { workspaceId, id: { in: findings.map((f) => f.id) } }, data: { reviewItemId: open.id, status: "IN_REVIEW" } });
  await recordAudit(tx, actor, "review.joined", { type: "ReviewItem", id: open.id }, { findingIds: findings.map((f) => f.id), reasons: params.reasons.map((r) => r.kind), reroutedTo: reroute?.reviewerId ?? null });
  return tx.reviewItem.findUniqueOrThrow({ where: { id: open.id } });
}
