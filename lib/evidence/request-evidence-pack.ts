import { db } from "@/lib/db";
import { DomainError, notFound } from "@/lib/errors";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { enqueue } from "@/lib/jobs/enqueue";
import { ensureQueues } from "@/lib/jobs/run-worker";
import { MAX_PERIOD_DAYS, type RequestEvidencePackInput } from "@/lib/evidence/schema";

/**
 * Queues a pack build for a campaign or a period. At most one build per scope is queued or running:
 * asking again returns that pack. The pack row, its audit record and the job commit together.
 */
export async function requestEvidencePack(actor: Actor, input: RequestEvidencePackInput) {
  assertCan(actor, "evidence:generate");
  const { workspaceId } = actor;
  if ("campaignId" in input) {
    const campaign = await db.campaign.findFirst({ where: { id: input.campaignId, workspaceId }, select: { status: true } });
    if (!campaign) throw notFound("Campaign");
    if (campaign.status === "DRAFT") throw new DomainError("INVALID", "A draft campaign has nothing to evidence yet; launch it first.");
  }
  if ("periodStart" in input) {
    const days = (input.periodEnd.getTime() - input.periodStart.getTime()) / 86_400_000;
    if (!(days > 0)) throw new DomainError("INVALID", "The period must end after it starts.");
    if (days > MAX_PERIOD_DAYS) throw new DomainError("INVALID", `A period covers at most ${MAX_PERIOD_DAYS} days.`);
  }
  const scope = "campaignId" in input
    ? { campaignId: input.campaignId, periodStart: null, periodEnd: null }
    : { campaignId: null, periodStart: input.periodStart, periodEnd: input.periodEnd };
  await ensureQueues();
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${"evidence:" + workspaceId}, 0))`;
    const pending = await tx.evidencePack.findFirst({ where: { workspaceId, ...scope, status: { in: ["QUEUED", "BUILDING"] } } });
    if (pending) return pending;
    const requestedById = actor.type === "USER" ? actor.userId : null;
    const pack = await tx.evidencePack.create({ data: { workspaceId, ...scope, requestedById } });
    await recordAudit(tx, actor, "evidence.pack-requested", { type: "EvidencePack", id: pack.id }, scope);
    await enqueue(tx, "evidence.build", { packId: pack.id });
    return pack;
  });
}
