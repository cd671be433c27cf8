// Shared by the inventory db tests: run a file through the real import path (upload → start → run)
// without a worker, as `rollcall import` does.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Actor } from "@/lib/authz/actor";
import { runImport } from "@/lib/inventory/run-import";
import type { FormatName } from "@/lib/inventory/schema";
import { startImport } from "@/lib/inventory/start-import";
import { uploadImport } from "@/lib/inventory/upload-import";

export const fixtureBytes = (name: string) => new Uint8Array(readFileSync(path.join(import.meta.dirname, "formats", "fixtures", name)));

export async function importBytes(actor: Actor, sourceId: string, format: FormatName, bytes: Uint8Array, fileName = "file") {
  const upload = await uploadImport(actor, { sourceId, format, fileName, bytes, preview: false });
  const sync = await startImport(actor, { sourceId, uploadId: upload.uploadId! }, { enqueueJob: false });
  const outcome = await runImport(sync.id);
  return { syncId: sync.id, outcome };
}
