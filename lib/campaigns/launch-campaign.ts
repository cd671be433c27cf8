import { db } from "@/lib/db";
import { DomainError, notFound } from "@/lib/errors";
import type { Prisma } from "@/prisma/generated/client";
import { recordAudit } from "@/lib/audit/record-audit";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { enqueue } from "@/lib/jobs/enqueue";
import { populationCensus } from "@/lib/campaigns/census";
import { assertCampaignTransition } from "@/lib/campaigns/rules";
import { campaignScope, type LaunchCampaignInput } from "@/lib/campaigns/schema";

/**
 * Launches a DRAFT once (conditional claim on status): records how the population was produced
 * (filters, counts and last sync per source, the exact query) and queues the bulk freeze job.
 */
export async function launchCampaign(actor: Actor, input: LaunchCampaignInput, now = new Date()) {
  assertCan(actor, "campaigns:manage");
  const campaign = await db.campaign.findFirst({ where: { id: input.campaignId, workspaceId: actor.workspaceId } });
  if (!campaign) throw notFound("Campaign");
  if (campaign.kind !== "SCHEDULED") throw new DomainError("CONFLICT", "The continuous campaign runs by itself; it is not launched.");
  assertCampaignTransition(campaign.status, "launch");
  if (!campaign.dueAt || campaign.dueAt <= now) throw new DomainError("INVALID", "The due date has passed: set a new one before launching.");
  const scope = campaignScope.parse(campaign.scope ?? {});
  const census = await populationCensus(actor.workspaceId, scope, now);
  if (census.total === 0) throw new DomainError("INVALID", "No identities are in scope: widen the filters before launching.");
  if (census.stale.length && !input.acknowledgeStaleSources) {
    throw new DomainError("CONFLICT", `Stale sources: ${census.stale.map((s) => s.warning).join("; ")}. Sync them first or confirm to launch anyway.`);
  }
  const population = { filters: scope, ...census, acknowledgedStale: census.stale.length > 0, launchedBy: actor.label };
  return db.$transaction(async (tx) => {
    const claimed = await tx.campaign.updateMany({
      where: { id: campaign.id, workspaceId: actor.workspaceId, status: "DRAFT" },
      data: { status: "ACTIVE", launchedAt: now, startsAt: campaign.startsAt && campaign.startsAt < now ? campaign.startsAt : now, launchTotal: census.total, launchDone: 0, population: population as unknown as Prisma.InputJsonObject },
    });
    if (claimed.count === 0) throw new DomainError("CONFLICT", "This campaign was already launched.");
    await recordAudit(tx, actor, "campaign.launched", { type: "Campaign", id: campaign.id }, { total: census.total, sources: census.sources.map((s) => ({ id: s.id, count: s.count, lastSyncedAt: s.lastSyncedAt })), stale: census.stale.map((s) => s.warning) });
    await enqueue(tx, "campaigns.launch", { campaignId: campaign.id });
    return { id: campaign.id, total: census.total };
  });
}
