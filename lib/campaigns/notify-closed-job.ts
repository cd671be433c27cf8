import { z } from "zod";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import CampaignClosedEmail from "@/emails/campaign-closed";
import { recordAudit } from "@/lib/audit/record-audit";
import { systemActor } from "@/lib/authz/actor";
import { defineJob } from "@/lib/jobs/define-job";
import { sendTemplate } from "@/lib/notify/send-template";

/** Who hears that a campaign closed: its creator, the person who signed off, and the workspace's compliance managers. */
export async function notifyCampaignClosed(campaignId: string): Promise<number> {
  const campaign = await db.campaign.findUnique({ where: { id: campaignId }, select: { id: true, workspaceId: true, name: true, status: true, createdById: true, signedOffById: true, signedOffAt: true, signOffStatement: true } });
  if (!campaign || campaign.status !== "CLOSED" || !campaign.signedOffAt) return 0;
  const already = await db.auditEvent.findFirst({ where: { workspaceId: campaign.workspaceId, action: "campaign.closed-notified", subjectId: campaign.id }, select: { id: true } });
  if (already) return 0;
  const people = await db.user.findMany({
    where: { workspaceId: campaign.workspaceId, status: "ACTIVE", OR: [{ role: "COMPLIANCE_MANAGER" }, { id: { in: [campaign.createdById, campaign.signedOffById].filter((x): x is string => Boolean(x)) } }] },
    select: { id: true, name: true, email: true },
  });
  const signer = await db.user.findUnique({ where: { id: campaign.signedOffById ?? "" }, select: { name: true } });
  const [decisions, total, unanswered] = await Promise.all([
    db.decision.groupBy({ by: ["kind"], where: { item: { campaignId } }, _count: { _all: true } }),
    db.reviewItem.count({ where: { campaignId } }),
    db.reviewItem.count({ where: { campaignId, status: "EXPIRED" } }),
  ]);
  const n = (k: string) => decisions.find((d) => d.kind === k)?._count._all ?? 0;
  const counts = { total, kept: n("ATTEST"), revoked: n("REVOKE"), reduced: n("REDUCE"), exceptions: n("EXCEPTION"), reassigned: n("REASSIGN"), unanswered };
  const url = `${env().ROLLCALL_BASE_URL.replace(/\/$/, "")}/campaigns/${campaign.id}`;
  await db.$transaction(async (tx) => {
    for (const person of people) {
      await sendTemplate(person.email, `${campaign.name} is closed and signed off`, CampaignClosedEmail({
        recipientName: person.name, campaignName: campaign.name, signedOffBy: signer?.name ?? "a compliance manager", signedOffAt: campaign.signedOffAt!.toISOString().slice(0, 16).replace("T", " ") + " UTC", statement: campaign.signOffStatement ?? "", counts, url,
      }));
    }
    await recordAudit(tx, systemActor(campaign.workspaceId, "notifier"), "campaign.closed-notified", { type: "Campaign", id: campaign.id }, { recipients: people.map((p) => p.id) });
  }, { timeout: 60_000 });
  return people.length;
}

export const notifyClosedJob = defineJob({
  name: "campaigns.notify-closed",
  input: z.object({ campaignId: z.string() }),
  async handle({ campaignId }) {
    await notifyCampaignClosed(campaignId);
  },
});
