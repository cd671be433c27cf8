import { z } from "zod";
import { route } from "@/lib/route";
import { uploadParams } from "@/lib/inventory/schema";
import { startImport } from "@/lib/inventory/start-import";

const startImportBody = z.object({ mode: z.enum(["snapshot", "upsert"]).default("snapshot") }).default({ mode: "snapshot" });

export const POST = route({ permission: "inventory:write", params: uploadParams, body: startImportBody }, async ({ actor, params, body }) => {
  const sync = await startImport(actor, { sourceId: params.id, uploadId: params.uploadId, mode: body.mode });
  return Response.json({ syncId: sync.id }, { status: 202 });
});
