import type { Metadata } from "next";
import { requirePage } from "@/lib/auth";
import { listCampaigns } from "@/lib/campaigns/queries";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";

export const metadata: Metadata = { title: "Evidence" };

export default async function EvidencePage() {
  const actor = await requirePage("evidence:read");
  const campaigns = await listCampaigns(actor.workspaceId);
  return (
    <>
      <PageHeader title="Evidence" description="Signed evidence packs per campaign, mapped to SOC 2, ISO/IEC 27001, NIST SP 800-53 and NIST CSF 2.0." />
      {campaigns.length === 0 ? <EmptyState title="No campaigns to evidence yet" next="Packs can be built once a campaign has been launched." /> : (
        <ul className="space-y-2 text-sm">
          {campaigns.map((c) => (
            <li key={c.id} className="rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
              <span className="font-medium">{c.name}</span> · {c.decided}/{c.total} decided · no pack built yet
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
