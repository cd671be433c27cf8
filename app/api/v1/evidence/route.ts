import { route } from "@/lib/route";
import { periodPackBody } from "@/lib/evidence/schema";
import { requestEvidencePack } from "@/lib/evidence/request-evidence-pack";
import { getPackView, listPacks } from "@/lib/evidence/queries";

/** The workspace's packs, newest first. */
export const GET = route({ permission: "evidence:read" }, async ({ actor }) => ({ packs: await listPacks(actor.workspaceId) }));

/** Queues a pack for a period: scheduled campaigns closed in it and continuous-review items decided in it. */
export const POST = route({ permission: "evidence:generate", body: periodPackBody }, async ({ actor, body }) => {
  const pack = await requestEvidencePack(actor, { periodStart: new Date(body.periodStart), periodEnd: new Date(body.periodEnd) });
  return Response.json(await getPackView(actor.workspaceId, pack.id), { status: 202, headers: { location: `/api/v1/evidence/${pack.id}` } });
});
