import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record-audit";
import { systemActor, type Actor } from "@/lib/authz/actor";
import { applySync, SyncRefused, type SyncSummary } from "@/lib/inventory/apply-sync";
import { formats } from "@/lib/inventory/formats/registry";
import type { RowIssue } from "@/lib/inventory/formats/types";
import { formatNames, type FormatName } from "@/lib/inventory/schema";
import type { RequestedBy } from "@/lib/inventory/start-import";
import type { Prisma } from "@/prisma/generated/client";

const STALE_RUN_MS = 60 * 60_000;

/** Rebuilds who asked for the import, for the audit trail of the sync. */
async function actorFor(workspaceId: string, by: RequestedBy | undefined): Promise<Actor> {
  if (by?.type === "USER" && by.id) {
    const user = await db.user.findFirst({ where: { id: by.id, workspaceId }, select: { id: true, role: true, email: true } });
    if (user) return { type: "USER", workspaceId, userId: user.id, role: user.role, label: user.email };
  }
  if (by?.type === "API_KEY" && by.id) return { type: "API_KEY", workspaceId, apiKeyId: by.id, scopes: ["inventory:write"], label: by.label };
  return systemActor(workspaceId, by?.label ?? "import");
}

export type ImportOutcome = { status: "SUCCEEDED"; summary: SyncSummary } | { status: "FAILED"; errors: RowIssue[] } | { status: "SKIPPED" };

/**
 * Runs one queued import: parse the stored file (rowsParsed), refuse it whole with every error, or
 * apply it through the one sync path (rowsApplied as rows stream in). Claiming QUEUED → RUNNING makes
 * a duplicate delivery of the job a no-op. Used by the worker job and by `rollcall import` directly.
 */
export async function runImport(syncId: string, onProgress?: (p: { phase: string; rowsParsed: number; rowsApplied: number }) => void, options: { resume?: boolean } = {}): Promise<ImportOutcome> {
  // `resume`: the job's retry after its worker died mid-run (pg-boss hands a job to one live worker at
  // a time), so a RUNNING sync is this job's own orphan: nothing of it was applied, start it again.
  const claimed = await db.sourceSync.updateMany({
    where: { id: syncId, OR: [{ status: "QUEUED" }, { status: "RUNNING", ...(options.resume ? {} : { startedAt: { lt: new Date(Date.now() - STALE_RUN_MS) } }) }] },
    data: { status: "RUNNING", startedAt: new Date(), stats: { phase: "parsing" } },
  });
  if (claimed.count === 0) return { status: "SKIPPED" };
  const sync = await db.sourceSync.findUniqueOrThrow({ where: { id: syncId } });
  const parameters = sync.parameters as { mode?: "snapshot" | "upsert"; requestedBy?: RequestedBy };
  const actor = await actorFor(sync.workspaceId, parameters.requestedBy);
  const progress = async (phase: string, rowsParsed: number, rowsApplied: number) => {
    onProgress?.({ phase, rowsParsed, rowsApplied });
    await db.sourceSync.update({ where: { id: syncId }, data: { rowsParsed, rowsApplied, stats: { phase } } });
  };

  try {
    const upload = await db.importUpload.findFirst({ where: { syncId, workspaceId: sync.workspaceId } });
    if (!upload) return await refuse(actor, syncId, [{ line: null, column: null, reason: "the uploaded file is no longer available" }], 0);
    if (!(formatNames as readonly string[]).includes(upload.format)) return await refuse(actor, syncId, [{ line: null, column: null, reason: `unknown format ${upload.format}` }], 0);
    const parsed = formats[upload.format as FormatName].parse(upload.content);
    if (!parsed.ok) return await refuse(actor, syncId, parsed.errors, parsed.rows);
    await progress("applying", parsed.rows, 0);
    const summary = await applySync({
      actor,
      sourceId: sync.sourceId,
      syncId,
      mode: parameters.mode ?? "snapshot",
      discoveredBy: "IMPORT",
      coverage: parsed.coverage,
      identities: parsed.identities,
      onProgress: (staged) => progress("applying", parsed.rows, staged),
    });
    // The file's bytes are only needed until applied; the SourceSync keeps name, size and sha256.
    await db.importUpload.update({ where: { id: upload.id }, data: { content: new Uint8Array(0) } });
    onProgress?.({ phase: "done", rowsParsed: parsed.rows, rowsApplied: summary.seen });
    return { status: "SUCCEEDED", summary };
  } catch (error) {
    if (error instanceof SyncRefused) return await refuse(actor, syncId, error.errors, null);
    // Back to QUEUED so the job's retry can claim it again; the error stays visible meanwhile.
    await db.sourceSync.update({ where: { id: syncId }, data: { status: "QUEUED", stats: { phase: "retrying", lastError: error instanceof Error ? error.message.slice(0, 500) : String(error) } } });
    throw error;
  }
}

/** Marks the sync FAILED with its errors, audited; nothing of the file was applied. */
async function refuse(actor: Actor, syncId: string, errors: RowIssue[], rowsParsed: number | null): Promise<ImportOutcome> {
  await db.$transaction(async (tx) => {
    const sync = await tx.sourceSync.update({
      where: { id: syncId },
      data: { status: "FAILED", finishedAt: new Date(), errors: errors as unknown as Prisma.InputJsonArray, stats: { phase: "refused" }, ...(rowsParsed === null ? {} : { rowsParsed }) },
    });
    await recordAudit(tx, actor, "inventory.sync-refused", { type: "SourceSync", id: syncId }, { sourceId: sync.sourceId, format: sync.format, fileSha256: sync.fileSha256, errors: errors.length, firstError: errors[0] ?? null });
  });
  return { status: "FAILED", errors };
}
