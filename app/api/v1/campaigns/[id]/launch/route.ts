import { z } from "zod";
import { route } from "@/lib/route";
import { launchCampaign } from "@/lib/campaigns/launch-campaign";
import { campaignIdParams } from "@/lib/campaigns/schema";

export const dynamic = "force-dynamic";

const body = z.object({ acknowledgeStaleSources: z.boolean().default(false) }).default({ acknowledgeStaleSources: false });

/** Launch a DRAFT: records the population and queues the bulk freeze (202; poll GET …/{id} for launchDone). */
export const POST = route({ permission: "campaigns:manage", params: campaignIdParams, body }, async ({ actor, params, body }) => {
  const launched = await launchCampaign(actor, { campaignId: params.id, acknowledgeStaleSources: body.acknowledgeStaleSources });
  return Response.json(launched, { status: 202 });
});
