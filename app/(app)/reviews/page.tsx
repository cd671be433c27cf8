import type { Metadata } from "next";
import Link from "next/link";
import { requirePage } from "@/lib/auth";
import { identityKinds } from "@/lib/campaigns/schema";
import { getWorkspacePolicy } from "@/lib/reviews/decision-context";
import { getDecisionSummary } from "@/lib/reviews/item-queries";
import { listInbox } from "@/lib/reviews/queries";
import { inboxFilter } from "@/lib/reviews/schema";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { Pager } from "@/components/ui/pager";
import { InboxList, type InboxRow } from "@/app/(app)/reviews/inbox-list";
import { DelegationForm } from "@/app/(app)/reviews/delegation-form";

export const metadata: Metadata = { title: "My reviews" };

const DAY = 86_400_000;

function dueIn(due: Date, now: Date) {
  const days = Math.ceil((due.getTime() - now.getTime()) / DAY);
  return days < 0 ? `overdue ${-days}d` : days === 0 ? "due today" : `due in ${days}d`;
}

function firstReason(reasons: unknown, findings: { sentence: string }[]): string {
  if (findings[0]) return findings[0].sentence;
  const list = Array.isArray(reasons) ? (reasons as { sentence?: string }[]) : [];
  return list[0]?.sentence ?? "Scheduled review";
}

const label = (kind: string) => kind.replaceAll("_", " ").toLowerCase();
const select = "rounded-md border border-zinc-300 bg-white px-2 py-1.5 dark:border-zinc-700 dark:bg-zinc-950";

export default async function ReviewsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requirePage("reviews:read");
  const raw = await searchParams;
  const filter = inboxFilter.parse({ campaign: raw.campaign, kind: raw.kind, due: raw.due, findings: raw.findings, q: raw.q || undefined });
  const page = Math.max(1, Number(raw.page) || 1);
  const now = new Date();
  const [inbox, policy, confirmed] = await Promise.all([listInbox(actor.workspaceId, actor.userId, filter, page, now), getWorkspacePolicy(actor.workspaceId), getDecisionSummary(actor.workspaceId, raw.after)]);
  const rows: InboxRow[] = inbox.items.map((item) => ({
    id: item.id,
    name: item.identity.name,
    kind: label(item.identity.kind),
    source: item.identity.source.name,
    reason: firstReason(item.reasons, item.findings),
    findingsCount: item.findings.length,
    highFindings: item.findings.some((f) => f.severity === "HIGH" || f.severity === "CRITICAL"),
    lastUsed: item.identity.lastUsedAt ? item.identity.lastUsedAt.toISOString().slice(0, 10) : "never",
    blastRadius: item.identity.blastRadius,
    due: dueIn(item.dueAt, now),
    overdue: item.dueAt < now,
    status: item.status,
    campaignId: item.campaign.id,
    campaignName: item.campaign.name,
    recommendation: item.recommendationReason,
    entitlements: item.entitlements,
  }));
  const filtered = Object.values(filter).some(Boolean);
  return (
    <>
      {confirmed ? <p role="status" className="mb-4 rounded-md bg-emerald-50 p-3 text-sm text-emerald-900">Decision on {confirmed.item.identity.name} recorded ({confirmed.kind.toLowerCase()}). That was your last open review here.</p> : null}
      <PageHeader title="My reviews" description={`${inbox.total} machine identit${inbox.total === 1 ? "y" : "ies"} waiting for your decision, most urgent first.`} />
      <form method="get" className="mb-4 flex flex-wrap items-end gap-2 text-sm" aria-label="Filters">
        <label className="flex flex-col">Campaign
          <select name="campaign" defaultValue={filter.campaign ?? ""} className={select}>
            <option value="">All</option>
            {inbox.campaigns.map((c) => <option key={c.id} value={c.id}>{c.name} ({c.open})</option>)}
          </select>
        </label>
        <label className="flex flex-col">Kind
          <select name="kind" defaultValue={filter.kind ?? ""} className={select}>
            <option value="">All</option>
            {identityKinds.map((k) => <option key={k} value={k}>{label(k)}</option>)}
          </select>
        </label>
        <label className="flex flex-col">Due
          <select name="due" defaultValue={filter.due ?? ""} className={select}>
            <option value="">Any time</option>
            <option value="overdue">Overdue</option>
            <option value="week">Within a week</option>
          </select>
        </label>
        <label className="flex flex-col">Findings
          <select name="findings" defaultValue={filter.findings ?? ""} className={select}>
            <option value="">Any</option>
            <option value="with">With findings</option>
            <option value="without">Without findings</option>
          </select>
        </label>
        <label className="flex flex-col">Search
          <input name="q" defaultValue={filter.q ?? ""} placeholder="Identity name" className={select} />
        </label>
        <button type="submit" className="rounded-md bg-accent px-3 py-1.5 font-medium text-accent-fg">Apply</button>
        {filtered ? <Link href="/reviews" className="px-2 py-1.5 underline">Clear</Link> : null}
      </form>
      {rows.length === 0 ? (
        <EmptyState title={filtered ? "No reviews match these filters" : "Nothing to review"} next={filtered ? "Clear the filters to see all your pending reviews." : "When an identity you own changes or a campaign starts, it will appear here."} />
      ) : (
        <InboxList key={`${JSON.stringify(filter)}-${page}`} rows={rows} exceptionMaxDays={policy.exceptionMaxDays} />
      )}
      {page > 1 || inbox.hasNext ? <Pager basePath="/reviews" params={{ ...filter }} page={page} hasNext={inbox.hasNext} /> : null}
      <DelegationForm />
    </>
  );
}
