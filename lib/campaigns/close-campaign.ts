import { db } from "@/lib/db";
import { DomainError, forbidden, notFound } from "@/lib/errors";
import type { Prisma } from "@/prisma/generated/client";
import { recordAudit } from "@/lib/audit/record-audit";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { enqueue } from "@/lib/jobs/enqueue";
import { assertCampaignTransition, nextName, nextOccurrence } from "@/lib/campaigns/rules";
import type { CloseCampaignInput } from "@/lib/campaigns/schema";

/**
 * Closes an active scheduled campaign once, with a person's signed-off statement; items still open
 * become EXPIRED (unanswered, listed in the evidence) and the campaign is read-only from then on.
 * A recurring campaign leaves its next occurrence as a DRAFT.
 */
export async function closeCampaign(actor: Actor, input: CloseCampaignInput, now = new Date()) {
  assertCan(actor, "campaigns:manage");
  if (actor.type !== "USER") throw forbidden("A campaign is signed off by a person, not an API key.");
  const campaign = await db.campaign.findFirst({ where: { id: input.campaignId, workspaceId: actor.workspaceId } });
  if (!campaign) throw notFound("Campaign");
  if (campaign.kind === "CONTINUOUS") throw new DomainError("CONFLICT", "The continuous campaign never closes; its items are signed off in evidence packs by period.");
  assertCampaignTransition(campaign.status, "close");
  return db.$transaction(async (tx) => {
    const claimed = await tx.campaign.updateMany({
      where: { id: campaign.id, workspaceId: actor.workspaceId, status: "ACTIVE" },
      data: { status: "CLOSED", closedAt: now, signedOffById: actor.userId, signedOffAt: now, signOffStatement: input.statement },
    });
    if (claimed.count === 0) throw new DomainError("CONFLICT", "This campaign was already closed.");
    const expired = await tx.reviewItem.updateMany({
      where: { workspaceId: actor.workspaceId, campaignId: campaign.id, status: { in: ["PENDING", "ESCALATED"] } },
      data: { status: "EXPIRED" },
    });
    const decisions = await tx.decision.groupBy({ by: ["kind"], where: { workspaceId: actor.workspaceId, item: { campaignId: campaign.id } }, _count: { _all: true } });
    const counts = Object.fromEntries(decisions.map((d) => [d.kind, d._count._all]));
    await recordAudit(tx, actor, "campaign.closed", { type: "Campaign", id: campaign.id }, { statement: input.statement, signedOffAt: now, decisions: counts, unanswered: expired.count });
    const next = campaign.startsAt && campaign.dueAt ? nextOccurrence(campaign.recurrence, campaign.startsAt, campaign.dueAt) : null;
    let nextId: string | null = null;
    if (next) {
      const created = await tx.campaign.create({
        data: {
          workspaceId: actor.workspaceId, name: nextName(campaign.name, next.startsAt), kind: "SCHEDULED", status: "DRAFT", scope: campaign.scope as Prisma.InputJsonValue,
          startsAt: next.startsAt, dueAt: next.dueAt, recurrence: campaign.recurrence, reminderCadence: campaign.reminderCadence as Prisma.InputJsonValue,
          escalationAfterDays: campaign.escalationAfterDays, defaultOnNoResponse: campaign.defaultOnNoResponse, createdById: actor.userId,
        },
      });
      nextId = created.id;
      await recordAudit(tx, actor, "campaign.created", { type: "Campaign", id: created.id }, { recurrenceOf: campaign.id, startsAt: next.startsAt, dueAt: next.dueAt });
    }
    await enqueue(tx, "campaigns.notify-closed", { campaignId: campaign.id });
    return { id: campaign.id, unanswered: expired.count, nextCampaignId: nextId };
  });
}
