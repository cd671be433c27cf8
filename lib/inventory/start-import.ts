import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record-audit";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { DomainError, notFound } from "@/lib/errors";
import { enqueue } from "@/lib/jobs/enqueue";
import { ensureQueue } from "@/lib/inventory/ensure-queue";

export type RequestedBy = { type: Actor["type"]; id: string | null; label: string };
export const requestedBy = (actor: Actor): RequestedBy => ({
  type: actor.type,
  id: actor.type === "USER" ? actor.userId : actor.type === "API_KEY" ? actor.apiKeyId : null,
  label: actor.label,
});

/**
 * Turns an uploaded file into a queued sync and its import job. An upload starts at most once: the
 * link from upload to sync is claimed with a conditional update.
 */
export async function startImport(actor: Actor, input: { sourceId: string; uploadId: string; mode?: "snapshot" | "upsert" }, options: { enqueueJob?: boolean } = {}) {
  assertCan(actor, "inventory:write");
  const upload = await db.importUpload.findFirst({ where: { id: input.uploadId, sourceId: input.sourceId, workspaceId: actor.workspaceId }, select: { id: true, format: true, fileName: true, sha256: true, size: true, syncId: true } });
  if (!upload) throw notFound("Upload");
  if (upload.syncId) throw new DomainError("CONFLICT", "This file is already being imported.");
  const enqueueJob = options.enqueueJob !== false;
  if (enqueueJob) await ensureQueue();
  return db.$transaction(async (tx) => {
    const sync = await tx.sourceSync.create({
      data: {
        workspaceId: actor.workspaceId, sourceId: input.sourceId, format: upload.format, fileName: upload.fileName, fileSha256: upload.sha256, status: "QUEUED",
        parameters: { mode: input.mode ?? "snapshot", uploadId: upload.id, bytes: upload.size, requestedBy: requestedBy(actor) },
        triggeredById: actor.type === "USER" ? actor.userId : null,
        stats: { phase: "queued" },
      },
      select: { id: true },
    });
    const claimed = await tx.importUpload.updateMany({ where: { id: upload.id, syncId: null }, data: { syncId: sync.id } });
    if (claimed.count === 0) throw new DomainError("CONFLICT", "This file is already being imported.");
    await recordAudit(tx, actor, "inventory.import-started", { type: "SourceSync", id: sync.id }, { sourceId: input.sourceId, uploadId: upload.id, format: upload.format, fileName: upload.fileName, sha256: upload.sha256 });
    if (enqueueJob) await enqueue(tx, "inventory.import", { syncId: sync.id });
    return sync;
  });
}
