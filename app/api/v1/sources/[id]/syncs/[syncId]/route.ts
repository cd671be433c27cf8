import { route } from "@/lib/route";
import { notFound } from "@/lib/errors";
import { syncParams } from "@/lib/inventory/schema";
import { getSync, syncView } from "@/lib/inventory/source-queries";

/** Progress (rowsParsed / rowsApplied) while running; counts or errors when finished. */
export const GET = route({ permission: "inventory:read", params: syncParams }, async ({ actor, params }) => {
  const sync = await getSync(actor.workspaceId, params.id, params.syncId);
  if (!sync) throw notFound("Sync");
  return syncView(sync);
});
