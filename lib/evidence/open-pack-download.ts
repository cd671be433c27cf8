import { createReadStream, statSync } from "node:fs";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { resolvePackPath } from "@/lib/evidence/storage";

/** Opens a READY pack of the actor's workspace for download; every download is an audit record. */
export async function openPackDownload(actor: Actor, where: { packId: string } | { latestForCampaignId: string }) {
  assertCan(actor, "evidence:read");
  const pack = await db.evidencePack.findFirst({
    where: { workspaceId: actor.workspaceId, status: "READY", ...("packId" in where ? { id: where.packId } : { campaignId: where.latestForCampaignId }) },
    orderBy: { readyAt: "desc" },
  });
  if (!pack?.storagePath) throw notFound("packId" in where ? "Evidence pack" : "A ready evidence pack for this campaign");
  const file = resolvePackPath(pack.storagePath);
  const size = statSync(file, { throwIfNoEntry: false })?.size;
  if (size === undefined) throw notFound("The stored pack file");
  await db.$transaction((tx) => recordAudit(tx, actor, "evidence.pack-downloaded", { type: "EvidencePack", id: pack.id }, { sha256: pack.sha256, bytes: size }));
  return { pack, size, fileName: `rollcall-evidence-${pack.id}.zip`, stream: createReadStream(file) };
}
