import { z } from "zod";
import { route } from "@/lib/route";
import { closeCampaign } from "@/lib/campaigns/close-campaign";
import { campaignIdParams, closeCampaignInput } from "@/lib/campaigns/schema";

export const dynamic = "force-dynamic";

const body = z.object({ statement: closeCampaignInput.shape.statement });

/** Close with sign-off (a person's session only: API keys cannot sign off). */
export const POST = route({ permission: "campaigns:manage", params: campaignIdParams, body }, async ({ actor, params, body }) => closeCampaign(actor, { campaignId: params.id, statement: body.statement }));
