import { route } from "@/lib/route";
import { notFound } from "@/lib/errors";
import { packIdParams } from "@/lib/evidence/schema";
import { getPackView } from "@/lib/evidence/queries";

/** A pack's status and progress (what the Evidence page polls), with its hashes once ready. */
export const GET = route({ permission: "evidence:read", params: packIdParams }, async ({ actor, params }) => {
  const pack = await getPackView(actor.workspaceId, params.id);
  if (!pack) throw notFound("Evidence pack");
  return pack;
});
