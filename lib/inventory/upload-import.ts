import { createHash } from "node:crypto";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record-audit";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { DomainError, notFound } from "@/lib/errors";
import { detectFormat, parseFile } from "@/lib/inventory/formats/registry";
import { importPreview, type ImportPreview } from "@/lib/inventory/import-preview";
import type { FormatName } from "@/lib/inventory/schema";

export const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;
/** Files up to this size are parsed at once so the dialog can show rows or errors before anything starts. */
export const PREVIEW_LIMIT_BYTES = 50 * 1024 * 1024;

export type UploadResult = { uploadId: string | null; format: FormatName; sha256: string; size: number; preview: ImportPreview | null };

/**
 * Stores an inventory file for a source and previews it. A file that already fails to parse is not
 * stored (nothing could be imported from it); the preview lists every error instead.
 */
export async function uploadImport(actor: Actor, input: { sourceId: string; format?: FormatName; fileName: string; bytes: Uint8Array; preview?: boolean }): Promise<UploadResult> {
  assertCan(actor, "inventory:write");
  const source = await db.source.findFirst({ where: { id: input.sourceId, workspaceId: actor.workspaceId }, select: { id: true, name: true } });
  if (!source) throw notFound("Source");
  if (input.bytes.length === 0) throw new DomainError("INVALID", "The file is empty.");
  if (input.bytes.length > MAX_UPLOAD_BYTES) throw new DomainError("INVALID", `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB; split it or use the push API.`);
  const format = input.format ?? detectFormat(input.bytes);
  if (!format) throw new DomainError("INVALID", "Could not tell the format of this file; choose one.");
  const sha256 = createHash("sha256").update(input.bytes).digest("hex");
  const preview = input.preview !== false && input.bytes.length <= PREVIEW_LIMIT_BYTES ? importPreview(parseFile(format, input.bytes)) : null;
  if (preview && !preview.ok) return { uploadId: null, format, sha256, size: input.bytes.length, preview };

  const upload = await db.$transaction(async (tx) => {
    const row = await tx.importUpload.create({
      data: { workspaceId: actor.workspaceId, sourceId: source.id, format, fileName: input.fileName, sha256, size: input.bytes.length, content: input.bytes as Uint8Array<ArrayBuffer>, createdById: actor.type === "USER" ? actor.userId : null },
      select: { id: true },
    });
    await recordAudit(tx, actor, "inventory.file-uploaded", { type: "ImportUpload", id: row.id }, { sourceId: source.id, source: source.name, format, fileName: input.fileName, sha256, bytes: input.bytes.length });
    return row;
  });
  return { uploadId: upload.id, format, sha256, size: input.bytes.length, preview };
}
