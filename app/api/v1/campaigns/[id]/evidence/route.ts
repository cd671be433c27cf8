import { Readable } from "node:stream";
import { route } from "@/lib/route";
import { campaignIdParams } from "@/lib/evidence/schema";
import { openPackDownload } from "@/lib/evidence/open-pack-download";
import { requestEvidencePack } from "@/lib/evidence/request-evidence-pack";
import { getPackView } from "@/lib/evidence/queries";

/** The campaign's newest ready pack as a ZIP (audited). */
export const GET = route({ permission: "evidence:read", params: campaignIdParams }, async ({ actor, params }) => {
  const download = await openPackDownload(actor, { latestForCampaignId: params.id });
  return new Response(Readable.toWeb(download.stream) as ReadableStream, {
    headers: {
      "content-type": "application/zip",
      "content-length": String(download.size),
      "content-disposition": `attachment; filename="${download.fileName}"`,
      "x-rollcall-pack-id": download.pack.id,
      "x-rollcall-pack-sha256": download.pack.sha256 ?? "",
    },
  });
});

/** Queues a build (or returns the one already queued); poll GET /api/v1/evidence/{packId}. */
export const POST = route({ permission: "evidence:generate", params: campaignIdParams }, async ({ actor, params }) => {
  const pack = await requestEvidencePack(actor, { campaignId: params.id });
  return Response.json(await getPackView(actor.workspaceId, pack.id), { status: 202, headers: { location: `/api/v1/evidence/${pack.id}` } });
});
