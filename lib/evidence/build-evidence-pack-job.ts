import { readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { db } from "@/lib/db";
import { defineJob } from "@/lib/jobs/define-job";
import { recordAudit } from "@/lib/audit/record-audit";
import { systemActor } from "@/lib/authz/actor";
import { buildEvidencePack } from "@/lib/evidence/build-pack";
import { resolvePackPath } from "@/lib/evidence/storage";
import { buildEvidencePackJobInput } from "@/lib/evidence/schema";

/**
 * Builds a requested pack and marks it READY with its hashes, the audit record in the same transaction.
 * A pack already READY is left alone; a failure is recorded on the pack and thrown so pg-boss retries.
 */
export const buildEvidencePackJob = defineJob({
  name: "evidence.build",
  input: buildEvidencePackJobInput,
  retryLimit: 2,
  async handle({ packId }) {
    const claimed = await db.evidencePack.updateMany({ where: { id: packId, status: { in: ["QUEUED", "BUILDING", "FAILED"] } }, data: { status: "BUILDING", progress: 0, error: null } });
    if (claimed.count === 0) return;
    let lastWrite = 0;
    const progress = async (percent: number) => {
      if (Date.now() - lastWrite < 500) return;
      lastWrite = Date.now();
      await db.evidencePack.updateMany({ where: { id: packId, status: "BUILDING" }, data: { progress: percent } });
    };
    let built;
    try {
      built = await buildEvidencePack(packId, progress);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // Only a build still in progress can fail: an overlapping attempt must not mark a READY pack FAILED.
      await db.evidencePack.updateMany({ where: { id: packId, status: "BUILDING" }, data: { status: "FAILED", error: message.slice(0, 500) } });
      throw error;
    }
    const { items, ...stored } = built;
    await db.$transaction(async (tx) => {
      const done = await tx.evidencePack.updateMany({
        where: { id: packId, status: "BUILDING" },
        data: { ...stored, bytes: BigInt(stored.bytes), status: "READY", progress: 100, readyAt: new Date(), error: null },
      });
      if (done.count === 0) {
        rmSync(resolvePackPath(stored.storagePath), { force: true }); // another build of this pack finished first
        return;
      }
      const pack = await tx.evidencePack.findUniqueOrThrow({ where: { id: packId }, select: { workspaceId: true, campaignId: true } });
      await recordAudit(tx, systemActor(pack.workspaceId, "evidence-builder"), "evidence.pack-built", { type: "EvidencePack", id: packId }, {
        campaignId: pack.campaignId, items, sha256: stored.sha256, manifestSha256: stored.manifestSha256, bytes: stored.bytes, signingKeyId: stored.signingKeyId, previousPackId: stored.previousPackId,
      });
    });
    // The pack is settled now: what an earlier attempt whose worker was killed left behind goes — its
    // half-written <pack>.*.tmp and its <pack>.*.parts spool folder, or a finished <pack>.<other>.zip it
    // had no time to record.
    const kept = path.basename(stored.storagePath);
    const dir = path.dirname(resolvePackPath(stored.storagePath));
    for (const name of readdirSync(dir)) if (name.startsWith(`${packId}.`) && name !== kept) rmSync(path.join(dir, name), { recursive: true, force: true });
  },
});
