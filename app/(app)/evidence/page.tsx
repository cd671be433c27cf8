import type { Metadata } from "next";
import Link from "next/link";
import { requirePage } from "@/lib/auth";
import { roleCan } from "@/lib/authz/permissions";
import { listEvidenceCampaigns, listPacks } from "@/lib/evidence/queries";
import { activeSigningKey } from "@/lib/signing/queries";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { StatusBadge } from "@/components/ui/status-badge";
import { PackProgress } from "@/app/(app)/evidence/pack-progress";
import { PackTable } from "@/app/(app)/evidence/pack-table";
import { PeriodPackFormView } from "@/app/(app)/evidence/period-pack-form";
import { HowToVerify } from "@/app/(app)/evidence/how-to-verify";

export const metadata: Metadata = { title: "Evidence" };

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : "—");

export default async function EvidencePage() {
  const actor = await requirePage("evidence:read");
  const [campaigns, periodPacks, key] = await Promise.all([listEvidenceCampaigns(actor.workspaceId), listPacks(actor.workspaceId, { campaignId: null }, 20), activeSigningKey(actor.workspaceId)]);
  const canGenerate = roleCan(actor.role, "evidence:generate");
  return (
    <>
      <PageHeader title="Evidence" description="Signed evidence packs per campaign or period, mapped to SOC 2, ISO/IEC 27001:2022, NIST SP 800-53 Rev. 5 and NIST CSF 2.0." />
      <p className="mb-6 text-sm">
        Packs are signed with this workspace&apos;s Ed25519 key, fingerprint <code className="break-all font-mono text-xs" data-testid="active-fingerprint">{key?.fingerprint ?? "(created with the first pack)"}</code>.
        {roleCan(actor.role, "settings:manage") ? <> <Link className="underline" href="/settings/signing">Signing keys</Link></> : null}
      </p>
      <section aria-labelledby="campaign-packs" className="mb-8">
        <h2 id="campaign-packs" className="mb-2 font-medium">Campaigns</h2>
        {campaigns.length === 0 ? <EmptyState title="No campaigns to evidence yet" next="Packs can be built once a campaign has been launched." /> : (
          <table className="w-full text-left text-sm">
            <thead className="border-b border-zinc-200 text-xs uppercase text-zinc-500 dark:border-zinc-800"><tr><th className="py-2">Campaign</th><th>Status</th><th>Decided</th><th>Period</th><th>Latest pack</th></tr></thead>
            <tbody>
              {campaigns.map((c) => (
                <tr key={c.id} className="border-b border-zinc-100 dark:border-zinc-900">
                  <td className="py-2"><Link className="font-medium text-accent underline" href={`/evidence/${c.id}`}>{c.name}</Link> <span className="text-xs text-zinc-500">{c.kind.toLowerCase()}</span></td>
                  <td><StatusBadge value={c.status} /></td>
                  <td>{c.decided}/{c.total}</td>
                  <td className="text-xs">{day(c.launchedAt)} → {c.closedAt ? day(c.closedAt) : "open"}</td>
                  <td className="text-xs">
                    {!c.latestPack ? "none yet" : c.latestPack.status === "READY"
                      ? <>ready {c.latestPack.readyAt?.slice(0, 10)} · <a className="text-accent underline" href={`/api/v1/evidence/${c.latestPack.id}/download`} download>download</a></>
                      : <PackProgress packId={c.latestPack.id} initial={{ status: c.latestPack.status, progress: c.latestPack.progress, error: c.latestPack.error }} />}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="period-packs" className="mb-8">
        <h2 id="period-packs" className="mb-2 font-medium">Period packs</h2>
        <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">All scheduled campaigns closed in the period and every continuous-review decision made in it, in one pack.</p>
        {canGenerate ? <div className="mb-4"><PeriodPackFormView /></div> : null}
        {periodPacks.length ? <PackTable packs={periodPacks} caption="Period packs" /> : <p className="text-sm text-zinc-500">No period packs yet.</p>}
      </section>
      <HowToVerify fingerprint={key?.fingerprint ?? null} />
    </>
  );
}
