import { db } from "@/lib/db";
import type { Prisma } from "@/prisma/generated/client";
import { recordAudit } from "@/lib/audit/record-audit";
import { assertCan, type Actor } from "@/lib/authz/actor";
import type { CreateCampaignInput } from "@/lib/campaigns/schema";

/** Creates a scheduled campaign as a DRAFT: nothing is assigned until it is launched. */
export async function createCampaign(actor: Actor, input: CreateCampaignInput) {
  assertCan(actor, "campaigns:manage");
  return db.$transaction(async (tx) => {
    const campaign = await tx.campaign.create({
      data: {
        workspaceId: actor.workspaceId,
        name: input.name,
        kind: "SCHEDULED",
        status: "DRAFT",
        scope: input.scope as unknown as Prisma.InputJsonObject,
        startsAt: input.startsAt ?? null,
        dueAt: input.dueAt,
        recurrence: input.recurrence === "NONE" ? null : input.recurrence,
        reminderCadence: input.reminderCadence,
        escalationAfterDays: input.escalationAfterDays,
        defaultOnNoResponse: input.defaultOnNoResponse,
        createdById: actor.type === "USER" ? actor.userId : null,
      },
    });
    await recordAudit(tx, actor, "campaign.created", { type: "Campaign", id: campaign.id }, {
      name: campaign.name, scope: input.scope, dueAt: campaign.dueAt, recurrence: campaign.recurrence, reminderCadence: input.reminderCadence, escalationAfterDays: campaign.escalationAfterDays, defaultOnNoResponse: campaign.defaultOnNoResponse,
    });
    return campaign;
  });
}
