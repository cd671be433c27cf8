import type { Metadata } from "next";
import Link from "next/link";
import { requirePage } from "@/lib/auth";
import { roleCan } from "@/lib/authz/permissions";
import { listCampaigns } from "@/lib/campaigns/queries";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { StatusBadge } from "@/components/ui/status-badge";

export const metadata: Metadata = { title: "Campaigns" };

export default async function CampaignsPage() {
  const actor = await requirePage("campaigns:read");
  const campaigns = await listCampaigns(actor.workspaceId);
  const canManage = roleCan(actor.role, "campaigns:manage");
  return (
    <>
      <PageHeader
        title="Campaigns"
        description="Scheduled reviews and the continuous review fed by findings."
        actions={canManage ? <Link href="/campaigns/new" className="rounded-md bg-accent px-3 py-1.5 text-sm font-medium text-accent-fg">New campaign</Link> : null}
      />
      {campaigns.length === 0 ? <EmptyState title="No campaigns yet" next="A compliance manager can start a scheduled review of any slice of the inventory." /> : (
        <table className="w-full text-left text-sm">
          <thead className="border-b border-zinc-200 text-xs uppercase text-zinc-500 dark:border-zinc-800"><tr><th className="py-2">Name</th><th>Kind</th><th>Status</th><th>Progress</th><th>Overdue</th><th>Due</th></tr></thead>
          <tbody>
            {campaigns.map((c) => {
              const pct = c.total ? Math.round((c.decided / c.total) * 100) : 0;
              return (
                <tr key={c.id} className="border-b border-zinc-100 dark:border-zinc-900">
                  <td className="py-2 font-medium"><Link href={`/campaigns/${c.id}`} className="underline">{c.name}</Link></td>
                  <td>{c.kind.toLowerCase()}</td>
                  <td><StatusBadge value={c.status} /></td>
                  <td>
                    <div className="flex items-center gap-2">
                      <div className="h-2 w-32 rounded bg-zinc-200 dark:bg-zinc-800" role="progressbar" aria-label={`${c.name} progress`} aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100}>
                        <div className="h-2 rounded bg-accent" style={{ width: `${pct}%` }} />
                      </div>
                      <span>{c.decided}/{c.total}</span>
                    </div>
                  </td>
                  <td className={c.overdue ? "font-medium text-red-700 dark:text-red-400" : ""}>{c.overdue}</td>
                  <td>{c.dueAt ? c.dueAt.toISOString().slice(0, 10) : "rolling"}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </>
  );
}
