import { route } from "@/lib/route";
import { notFound } from "@/lib/errors";
import { identityIdParams } from "@/lib/inventory/schema";
import { getIdentity } from "@/lib/inventory/queries";

export const GET = route({ permission: "inventory:read", params: identityIdParams }, async ({ actor, params }) => {
  const identity = await getIdentity(actor.workspaceId, params.id);
  if (!identity) throw notFound("Identity");
  return identity;
});
