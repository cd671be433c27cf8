import { route } from "@/lib/route";
import { sourceIdParams, uploadQuery } from "@/lib/inventory/schema";
import { startImport } from "@/lib/inventory/start-import";
import { uploadImport } from "@/lib/inventory/upload-import";

/** The body is the file itself. `?start=1` queues the import at once (the CLI); otherwise preview first. */
export const POST = route({ permission: "inventory:write", params: sourceIdParams, query: uploadQuery }, async ({ actor, params, query, request }) => {
  const bytes = new Uint8Array(await request.arrayBuffer());
  const start = query.start === "1" || query.start === "true";
  const upload = await uploadImport(actor, { sourceId: params.id, format: query.format, fileName: query.fileName, bytes, preview: !start });
  if (!upload.uploadId) return Response.json({ ...upload, syncId: null }, { status: 422 });
  const sync = start ? await startImport(actor, { sourceId: params.id, uploadId: upload.uploadId, mode: query.mode }) : null;
  return Response.json({ ...upload, syncId: sync?.id ?? null }, { status: 201 });
});
