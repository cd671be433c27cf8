import { db, type Tx } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record-audit";
import { systemActor } from "@/lib/authz/actor";
import { getWorkspacePolicy } from "@/lib/reviews/decision-context";

async function inTx(tx: Tx, workspaceId: string) {
  // Serialises creators per workspace, so two findings arriving together still make one campaign.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${"continuous-campaign:" + workspaceId}, 0))`;
  const existing = await tx.campaign.findFirst({
    where: { workspaceId, kind: "CONTINUOUS", status: "ACTIVE" },
    orderBy: { createdAt: "asc" },
  });
  if (existing) return existing;
  const policy = await getWorkspacePolicy(workspaceId, tx);
  const now = new Date();
  const campaign = await tx.campaign.create({
    data: {
      workspaceId,
      name: "Continuous review",
      kind: "CONTINUOUS",
      status: "ACTIVE",
      startsAt: now,
      launchedAt: now,
      dueAt: null,
      reminderCadence: [-1, 0, 1],
      escalationAfterDays: 3,
      defaultOnNoResponse: policy.defaultOnNoResponse,
      scope: { continuous: true },
    },
  });
  await recordAudit(tx, systemActor(workspaceId, "continuous-review"), "campaign.created", { type: "Campaign", id: campaign.id }, { kind: "CONTINUOUS", name: campaign.name });
  return campaign;
}

/**
 * The workspace's one active continuous campaign, created on first use. Triggered reviews (findings,
 * expired exceptions, overdue remediation) flow into it, each item with its own due date. Pass the
 * caller's transaction to create it atomically with the item that needs it.
 */
export function getOrCreateContinuousCampaign(workspaceId: string, tx?: Tx) {
  return tx ? inTx(tx, workspaceId) : db.$transaction((t) => inTx(t, workspaceId));
}
