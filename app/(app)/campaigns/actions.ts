"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/action";
import { populationCensus } from "@/lib/campaigns/census";
import { closeCampaign } from "@/lib/campaigns/close-campaign";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { launchCampaign } from "@/lib/campaigns/launch-campaign";
import { remindNow } from "@/lib/campaigns/remind-now";
import { campaignScope, closeCampaignInput, createCampaignInput, launchCampaignInput, remindNowInput } from "@/lib/campaigns/schema";

const count = action("campaigns:manage", campaignScope, async (actor, scope) => {
  const census = await populationCensus(actor.workspaceId, scope);
  return { total: census.total, sources: census.sources.filter((s) => s.count > 0).map((s) => ({ id: s.id, name: s.name, count: s.count, lastSyncedAt: s.lastSyncedAt })), stale: census.stale.map((s) => s.warning) };
});

const create = action("campaigns:manage", createCampaignInput, async (actor, input) => {
  const campaign = await createCampaign(actor, input);
  revalidatePath("/campaigns");
  return { id: campaign.id };
});

const launch = action("campaigns:manage", launchCampaignInput, async (actor, input) => {
  const launched = await launchCampaign(actor, input);
  revalidatePath("/campaigns", "layout");
  return launched;
});

const close = action("campaigns:manage", closeCampaignInput, async (actor, input) => {
  const closed = await closeCampaign(actor, input);
  revalidatePath("/campaigns", "layout");
  return closed;
});

const remind = action("campaigns:manage", remindNowInput, async (actor, input) => remindNow(actor, input));

export async function countScopeAction(input: Parameters<typeof count>[0]) {
  return count(input);
}

export async function createCampaignAction(input: Parameters<typeof create>[0]) {
  return create(input);
}

export async function launchCampaignAction(input: Parameters<typeof launch>[0]) {
  return launch(input);
}

export async function closeCampaignAction(input: Parameters<typeof close>[0]) {
  return close(input);
}

export async function remindNowAction(input: Parameters<typeof remind>[0]) {
  return remind(input);
}
