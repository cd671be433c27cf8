import { route } from "@/lib/route";
import { pushIdentities } from "@/lib/inventory/push-identities";
import { pushIdentitiesInput, sourceIdParams } from "@/lib/inventory/schema";

/** Bulk upsert (≤ 10k per call) through the same sync as file imports; a bad batch is refused whole (422). */
export const PUT = route({ permission: "inventory:write", params: sourceIdParams, body: pushIdentitiesInput }, async ({ actor, params, body }) => {
  const result = await pushIdentities(actor, params.id, body);
  if (!result.ok) return Response.json({ error: { code: "INVALID", message: `${result.errors.length} problem(s); nothing was applied.`, issues: result.errors.map((e) => ({ path: e.column ?? "(root)", message: e.reason })) }, syncId: result.syncId }, { status: 422 });
  const { timings: _timings, ...summary } = result.summary;
  return { syncId: result.syncId, ...summary };
});
