import { route } from "@/lib/route";
import { notFound } from "@/lib/errors";
import { campaignDashboard } from "@/lib/campaigns/dashboard-queries";
import { campaignIdParams } from "@/lib/campaigns/schema";

export const dynamic = "force-dynamic";

/** A campaign's progress, decision mix, remediation, per team and per reviewer figures. */
export const GET = route({ permission: "campaigns:read", params: campaignIdParams }, async ({ actor, params }) => {
  const dash = await campaignDashboard(actor.workspaceId, params.id);
  if (!dash) throw notFound("Campaign");
  const { campaign, overdueItems, ...figures } = dash;
  const { workspace: _w, ...fields } = campaign;
  return { campaign: fields, ...figures, overdue: overdueItems.map((i) => ({ id: i.id, identity: i.identity.name, reviewer: i.reviewer?.name ?? null, dueAt: i.dueAt })) };
});
