import { z } from "zod";
import { route } from "@/lib/route";
import { notFound } from "@/lib/errors";
import { sourceIdParams } from "@/lib/inventory/schema";
import { getSource, listSyncs, syncView } from "@/lib/inventory/source-queries";

export const GET = route({ permission: "inventory:read", params: sourceIdParams, query: z.object({ page: z.coerce.number().int().min(1).max(10_000).default(1) }) }, async ({ actor, params, query }) => {
  if (!(await getSource(actor.workspaceId, params.id))) throw notFound("Source");
  const { rows, hasNext } = await listSyncs(actor.workspaceId, params.id, query.page);
  return { syncs: rows.map(syncView), hasNext };
});
