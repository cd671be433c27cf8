import { route } from "@/lib/route";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { listCampaigns } from "@/lib/campaigns/queries";
import { createCampaignInput } from "@/lib/campaigns/schema";

export const dynamic = "force-dynamic";

/** Campaigns with progress counts, newest first. */
export const GET = route({ permission: "campaigns:read" }, async ({ actor }) => ({ campaigns: await listCampaigns(actor.workspaceId) }));

/** Create a scheduled campaign as a DRAFT (launch it with POST …/{id}/launch). */
export const POST = route({ permission: "campaigns:manage", body: createCampaignInput }, async ({ actor, body }) => {
  const campaign = await createCampaign(actor, body);
  return Response.json({ id: campaign.id, status: campaign.status }, { status: 201 });
});
