import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePage } from "@/lib/auth";
import { roleCan } from "@/lib/authz/permissions";
import { prefixedId } from "@/lib/ids";
import { getEvidenceCampaign, listPacks } from "@/lib/evidence/queries";
import { activeSigningKey } from "@/lib/signing/queries";
import { PageHeader } from "@/components/ui/page-header";
import { StatusBadge } from "@/components/ui/status-badge";
import { PackTable } from "@/app/(app)/evidence/pack-table";
import { GeneratePackButton } from "@/app/(app)/evidence/generate-pack-button";
import { HowToVerify } from "@/app/(app)/evidence/how-to-verify";

export const metadata: Metadata = { title: "Campaign evidence" };

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : "—");

export default async function CampaignEvidencePage({ params }: { params: Promise<{ campaignId: string }> }) {
  const actor = await requirePage("evidence:read");
  const id = prefixedId("cmp").safeParse((await params).campaignId);
  if (!id.success) notFound();
  const campaign = await getEvidenceCampaign(actor.workspaceId, id.data);
  if (!campaign) notFound();
  const [packs, key] = await Promise.all([listPacks(actor.workspaceId, { campaignId: campaign.id }), activeSigningKey(actor.workspaceId)]);
  const building = packs.some((p) => p.status === "QUEUED" || p.status === "BUILDING");
  return (
    <>
      <p className="mb-2 text-sm"><Link className="underline" href="/evidence">← Evidence</Link></p>
      <PageHeader
        title={campaign.name}
        description={`Evidence packs for this ${campaign.kind.toLowerCase()} campaign. A pack is a signed snapshot: generate a new one after late changes.`}
        actions={roleCan(actor.role, "evidence:generate") && !building ? <GeneratePackButton campaignId={campaign.id} label={packs.length ? "Generate new pack" : "Generate pack"} /> : null}
      />
      <dl className="mb-6 grid grid-cols-2 gap-x-6 gap-y-1 text-sm md:grid-cols-6">
        <div><dt className="text-xs uppercase text-zinc-500">Status</dt><dd><StatusBadge value={campaign.status} /></dd></div>
        <div><dt className="text-xs uppercase text-zinc-500">Decided</dt><dd>{campaign.decided} of {campaign.total}</dd></div>
        <div><dt className="text-xs uppercase text-zinc-500">Launched</dt><dd>{day(campaign.launchedAt)}</dd></div>
        <div><dt className="text-xs uppercase text-zinc-500">Due</dt><dd>{day(campaign.dueAt)}</dd></div>
        <div><dt className="text-xs uppercase text-zinc-500">Closed</dt><dd>{day(campaign.closedAt)}</dd></div>
        <div><dt className="text-xs uppercase text-zinc-500">Signed off</dt><dd>{day(campaign.signedOffAt)}</dd></div>
      </dl>
      <section aria-labelledby="packs" className="mb-8">
        <h2 id="packs" className="mb-2 font-medium">Packs</h2>
        {packs.length ? <PackTable packs={packs} caption={`Evidence packs of ${campaign.name}`} /> : <p className="text-sm text-zinc-500">No pack yet for this campaign.</p>}
      </section>
      <HowToVerify fingerprint={key?.fingerprint ?? null} />
    </>
  );
}
