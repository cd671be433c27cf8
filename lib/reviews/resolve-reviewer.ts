import type { Tx } from "@/lib/db";
import { resolveReviewer, type Candidate, type ReviewerResolution } from "@/lib/reviews/reviewer-rules";

type Reader = Pick<Tx, "identity" | "workspace" | "user">;

const asCandidate = (u: { id: string; status: "ACTIVE" | "DEPARTED" } | null | undefined): Candidate => (u ? { id: u.id, status: u.status } : null);

/**
 * Loads the identity's owner, its owning team's lead and the workspace fallback reviewer, then applies
 * the pure resolution (owner → team lead → fallback; departed = none; never the actor of the change).
 */
export async function resolveReviewerFor(db: Reader, workspaceId: string, identityId: string, excludedUserIds: Iterable<string> = []): Promise<ReviewerResolution> {
  const identity = await db.identity.findFirstOrThrow({
    where: { id: identityId, workspaceId },
    select: {
      owner: { select: { id: true, status: true } },
      owningTeam: { select: { lead: { select: { id: true, status: true } } } },
    },
  });
  const workspace = await db.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { fallbackReviewerId: true } });
  const fallback = workspace.fallbackReviewerId
    ? await db.user.findFirst({ where: { id: workspace.fallbackReviewerId, workspaceId }, select: { id: true, status: true } })
    : null;
  return resolveReviewer({
    owner: asCandidate(identity.owner),
    teamLead: asCandidate(identity.owningTeam?.lead),
    fallback: asCandidate(fallback),
    excludedUserIds,
  });
}
