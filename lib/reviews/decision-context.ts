import { db, type Tx } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { defaultPolicy, workspacePolicy, type WorkspacePolicy } from "@/lib/workspaces/policy";
import type { IdentitySnapshot } from "@/lib/reviews/snapshot";
import type { DelegationWindow, ItemForDecision } from "@/lib/reviews/rules";

type Reader = Pick<Tx, "workspace">;

/** The workspace policy with defaults for anything unset; a malformed stored policy falls back to defaults. */
export async function getWorkspacePolicy(workspaceId: string, reader: Reader = db): Promise<WorkspacePolicy> {
  const ws = await reader.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { policy: true } });
  const parsed = workspacePolicy.safeParse(ws.policy ?? {});
  return parsed.success ? parsed.data : defaultPolicy();
}

export type DecisionContext = ItemForDecision & {
  workspaceId: string;
  campaignId: string;
  identityId: string;
  openedAt: Date;
  dueAt: Date;
  snapshot: IdentitySnapshot;
  reasons: unknown;
  findingIds: string[];
  delegations: DelegationWindow[];
  policy: WorkspacePolicy;
};

/** Everything `decide()` checks before its transaction, read in one place; another workspace's item is "not found". */
export async function getDecisionContextOrThrow(workspaceId: string, itemId: string, now: Date): Promise<DecisionContext> {
  const item = await db.reviewItem.findFirst({
    where: { id: itemId, workspaceId },
    select: {
      id: true, status: true, reviewerId: true, escalatedToId: true, campaignId: true, identityId: true, createdAt: true, firstViewedAt: true, dueAt: true, snapshot: true, reasons: true,
      campaign: { select: { status: true } },
      findings: { select: { id: true, severity: true, actorUserId: true } },
    },
  });
  if (!item) throw notFound("Review item");
  const principals = [item.reviewerId, item.escalatedToId].filter((id): id is string => Boolean(id));
  const [delegations, policy] = await Promise.all([
    principals.length
      ? db.delegation.findMany({ where: { workspaceId, userId: { in: principals }, startsAt: { lte: now }, endsAt: { gt: now } }, select: { userId: true, delegateId: true, startsAt: true, endsAt: true } })
      : Promise.resolve([]),
    getWorkspacePolicy(workspaceId),
  ]);
  const snapshot = item.snapshot as unknown as IdentitySnapshot;
  return {
    id: item.id,
    workspaceId,
    status: item.status,
    reviewerId: item.reviewerId,
    escalatedToId: item.escalatedToId,
    campaignStatus: item.campaign.status,
    campaignId: item.campaignId,
    identityId: item.identityId,
    openedAt: item.firstViewedAt ?? item.createdAt,
    dueAt: item.dueAt,
    snapshot,
    reasons: item.reasons,
    findings: item.findings.map((f) => ({ severity: f.severity, actorUserId: f.actorUserId })),
    findingIds: item.findings.map((f) => f.id),
    entitlementIds: (snapshot.entitlements ?? []).map((e) => e.id),
    delegations,
    policy,
  };
}
