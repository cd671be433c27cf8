import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePage } from "@/lib/auth";
import { roleCan } from "@/lib/authz/permissions";
import { populationCensus } from "@/lib/campaigns/census";
import { campaignDashboard } from "@/lib/campaigns/dashboard-queries";
import { campaignScope } from "@/lib/campaigns/schema";
import { PageHeader } from "@/components/ui/page-header";
import { StatusBadge } from "@/components/ui/status-badge";
import { Bars, Burndown, ProgressDonut } from "@/app/(app)/campaigns/[id]/charts";
import { CloseForm, LaunchButton, RemindButton } from "@/app/(app)/campaigns/[id]/campaign-controls";
import { LaunchProgress } from "@/app/(app)/campaigns/[id]/launch-progress";
import { RemediationList } from "@/app/(app)/campaigns/[id]/remediation-list";
import { unverifiedRemediation } from "@/lib/remediation/queries";

export const metadata: Metadata = { title: "Campaign" };

const day = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : "—");
const card = "rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900";
const label = (s: string) => s.replaceAll("_", " ").toLowerCase();

export default async function CampaignPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePage("campaigns:read");
  const { id } = await params;
  if (!/^cmp_[0-9a-f]{32}$/.test(id)) notFound();
  const now = new Date();
  const dash = await campaignDashboard(actor.workspaceId, id, now);
  if (!dash) notFound();
  const { campaign, progress, mix } = dash;
  const canManage = roleCan(actor.role, "campaigns:manage");
  const population = (campaign.population ?? null) as { frozenAt?: string; total?: number; sources?: { name: string; count: number; lastSyncedAt: string | null }[]; stale?: { warning: string }[]; acknowledgedStale?: boolean } | null;
  const launching = campaign.status === "ACTIVE" && campaign.kind === "SCHEDULED" && !population?.frozenAt;
  const scope = campaignScope.parse(campaign.scope ?? {});
  const draftCensus = campaign.status === "DRAFT" ? await populationCensus(actor.workspaceId, scope, now) : null;
  const open = progress.pending + progress.escalated;
  const remediation = campaign.status !== "DRAFT" ? await unverifiedRemediation(actor.workspaceId, campaign.id) : null;

  return (
    <>
      <PageHeader
        title={campaign.name}
        description={`${label(campaign.kind)} · ${campaign.dueAt ? `due ${day(campaign.dueAt)}` : "each item has its own due date"}${campaign.recurrence ? ` · repeats ${label(campaign.recurrence)}` : ""}${dash.createdBy ? ` · created by ${dash.createdBy}` : ""}`}
        actions={<StatusBadge value={campaign.status} />}
      />
      {campaign.status === "DRAFT" && draftCensus ? (
        <section aria-labelledby="draft" className={`${card} mb-6 space-y-2`}>
          <h2 id="draft" className="font-medium">Draft: not launched</h2>
          <p className="text-sm"><span className="font-semibold" data-testid="draft-count">{draftCensus.total}</span> identities in scope now ({draftCensus.sources.filter((s) => s.count).map((s) => `${s.name}: ${s.count}`).join(", ") || "none"}).</p>
          {canManage ? <LaunchButton campaignId={campaign.id} stale={draftCensus.stale.map((s) => s.warning)} /> : null}
        </section>
      ) : null}
      {launching ? <div className="mb-6"><LaunchProgress done={campaign.launchDone} total={campaign.launchTotal} /></div> : null}
      {campaign.status === "CLOSED" ? (
        <section aria-labelledby="signoff" className={`${card} mb-6`} data-testid="sign-off">
          <h2 id="signoff" className="font-medium">Closed and signed off</h2>
          <p className="mt-1 text-sm">Signed off by {dash.signedOffBy ?? "—"} on {campaign.signedOffAt?.toISOString().slice(0, 16).replace("T", " ")} UTC. This campaign is read-only.</p>
          <blockquote className="mt-2 border-l-2 border-accent pl-3 text-sm">{campaign.signOffStatement}</blockquote>
        </section>
      ) : null}
      {campaign.status !== "DRAFT" ? (
        <>
          <div className="grid gap-6 md:grid-cols-2 xl:grid-cols-4">
            <section aria-labelledby="progress" className={card}>
              <h2 id="progress" className="mb-2 font-medium">Progress</h2>
              <ProgressDonut decided={progress.decided} total={progress.total} />
              <p className="mt-2 text-sm">{open} open · <span className={progress.overdue ? "font-medium text-red-700 dark:text-red-400" : ""}>{progress.overdue} overdue</span> · {progress.escalated} escalated{progress.expired ? ` · ${progress.expired} unanswered` : ""}</p>
            </section>
            <section aria-labelledby="burndown" className={card}>
              <h2 id="burndown" className="mb-2 font-medium">Burndown</h2>
              <Burndown points={dash.burndown} total={progress.total} />
            </section>
            <section aria-labelledby="mix" className={card}>
              <h2 id="mix" className="mb-2 font-medium">Decisions</h2>
              <Bars title="Decision mix" entries={[
                { label: "Kept", value: mix.ATTEST ?? 0, tone: "green" },
                { label: "Revoked", value: mix.REVOKE ?? 0, tone: "red" },
                { label: "Reduced", value: mix.REDUCE ?? 0, tone: "amber" },
                { label: "Exceptions", value: mix.EXCEPTION ?? 0, tone: "violet" },
                { label: "Reassigned", value: mix.REASSIGN ?? 0, tone: "zinc" },
              ]} />
            </section>
            <section aria-labelledby="remediation" className={card}>
              <h2 id="remediation" className="mb-2 font-medium">Remediation</h2>
              <Bars title="Remediation status" entries={[
                { label: "Open", value: dash.remediation.OPEN ?? 0, tone: "amber" },
                { label: "Executed", value: dash.remediation.EXECUTED ?? 0, tone: "indigo" },
                { label: "Verified", value: dash.remediation.VERIFIED ?? 0, tone: "green" },
                { label: "Failed", value: dash.remediation.FAILED ?? 0, tone: "red" },
              ]} />
              <p className="mt-2 text-sm">Blast radius: {dash.blastRadius.before} before → {dash.blastRadius.after} after verified revocations</p>
            </section>
          </div>
          <div className="mt-6 grid gap-6 xl:grid-cols-2">
            <section aria-labelledby="by-team" className={card}>
              <h2 id="by-team" className="mb-2 font-medium">By team</h2>
              <table className="w-full text-left text-sm">
                <thead className="text-xs uppercase text-zinc-500"><tr><th>Team</th><th>Items</th><th>Pending</th><th>Overdue</th></tr></thead>
                <tbody>{dash.byTeam.map((t) => <tr key={t.team} className="border-t border-zinc-100 dark:border-zinc-800"><td className="py-1">{t.team}</td><td>{t.total}</td><td>{t.pending}</td><td>{t.overdue}</td></tr>)}</tbody>
              </table>
            </section>
            <section aria-labelledby="by-reviewer" className={card}>
              <h2 id="by-reviewer" className="mb-2 font-medium">By reviewer</h2>
              <table className="w-full text-left text-sm">
                <thead className="text-xs uppercase text-zinc-500"><tr><th>Reviewer</th><th>Items</th><th>Pending</th><th>Overdue</th><th>Median s/decision</th><th>In bulk</th></tr></thead>
                <tbody>{dash.byReviewer.map((r) => <tr key={r.reviewer} className="border-t border-zinc-100 dark:border-zinc-800"><td className="py-1">{r.reviewer}</td><td>{r.total}</td><td>{r.pending}</td><td>{r.overdue}</td><td>{r.medianSeconds ?? "—"}</td><td>{r.batched}</td></tr>)}</tbody>
              </table>
            </section>
          </div>
          <section aria-labelledby="overdue" className={`${card} mt-6`}>
            <h2 id="overdue" className="mb-2 font-medium">Overdue</h2>
            {dash.overdueItems.length === 0 ? <p className="text-sm text-zinc-500">Nothing overdue.</p> : (
              <table className="w-full text-left text-sm">
                <thead className="text-xs uppercase text-zinc-500"><tr><th>Identity</th><th>Reviewer</th><th>Due</th><th>Reminders</th><th><span className="sr-only">Chase</span></th></tr></thead>
                <tbody>
                  {dash.overdueItems.map((i) => (
                    <tr key={i.id} className="border-t border-zinc-100 dark:border-zinc-800">
                      <td className="py-1"><Link href={`/reviews/${i.id}`} className="underline">{i.identity.name}</Link> <span className="text-zinc-500">{label(i.identity.kind)}</span></td>
                      <td>{i.reviewer?.name ?? "Unassigned"}{i.status === "ESCALATED" ? " (escalated)" : ""}</td>
                      <td className="text-red-700 dark:text-red-400">{day(i.dueAt)}</td>
                      <td>{i.reminderCount}{i.lastRemindedAt ? `, last ${day(i.lastRemindedAt)}` : ""}</td>
                      <td>{canManage && campaign.status === "ACTIVE" && i.reviewer ? <RemindButton itemIds={[i.id]} label={`Remind ${i.reviewer.name} about ${i.identity.name}`} /> : null}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          {remediation && (remediation.total > 0 || (dash.remediation.VERIFIED ?? 0) > 0) ? (
            <section aria-labelledby="unverified" className={`${card} mt-6`}>
              <h2 id="unverified" className="mb-2 font-medium">Remediation not verified</h2>
              <RemediationList total={remediation.total} tasks={remediation.tasks} userId={actor.userId} canManage={canManage} now={now} />
            </section>
          ) : null}
          {population?.sources ? (
            <section aria-labelledby="population" className={`${card} mt-6 text-sm`}>
              <h2 id="population" className="mb-2 font-medium">Population</h2>
              <p>Frozen {population.frozenAt ? day(new Date(population.frozenAt)) : "(in progress)"}: {population.total} identities. {population.sources.filter((s) => s.count).map((s) => `${s.name}: ${s.count} (last sync ${s.lastSyncedAt?.slice(0, 10) ?? "never"})`).join("; ")}.</p>
              {population.acknowledgedStale ? <p className="mt-1 text-amber-900 dark:text-amber-300">Launched with stale sources: {population.stale?.map((s) => s.warning).join("; ")}.</p> : null}
            </section>
          ) : null}
          {canManage && campaign.status === "ACTIVE" && campaign.kind === "SCHEDULED" && !launching ? (
            <section aria-labelledby="close" className={`${card} mt-6`}>
              <h2 id="close" className="mb-2 font-medium">Close the campaign</h2>
              <CloseForm campaignId={campaign.id} open={open} />
            </section>
          ) : null}
        </>
      ) : null}
    </>
  );
}
