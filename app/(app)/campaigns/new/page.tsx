import type { Metadata } from "next";
import { requirePage } from "@/lib/auth";
import { scopeOptions } from "@/lib/campaigns/queries";
import { PageHeader } from "@/components/ui/page-header";
import { NewCampaignForm } from "@/app/(app)/campaigns/new/new-campaign-form";

export const metadata: Metadata = { title: "New campaign" };

export default async function NewCampaignPage() {
  const actor = await requirePage("campaigns:manage");
  const options = await scopeOptions(actor.workspaceId);
  return (
    <>
      <PageHeader title="New campaign" description="Choose which machine identities to review, when, and how stragglers are chased. Launching freezes the population." />
      <NewCampaignForm options={options} />
    </>
  );
}
