import type { Metadata } from "next";
import Link from "next/link";
import { requirePage } from "@/lib/auth";
import { roleCan } from "@/lib/authz/permissions";
import { listFindings } from "@/lib/findings/queries";
import { findingsFilter } from "@/lib/findings/schema";
import { engineKinds, ruleText } from "@/lib/triggers/schema";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { StatusBadge } from "@/components/ui/status-badge";
import { Pager } from "@/components/ui/pager";
import { UploadEventsForm } from "@/app/(app)/findings/upload-events-form";

export const metadata: Metadata = { title: "Findings" };

const severities = ["CRITICAL", "HIGH", "MEDIUM", "LOW"] as const;
const statuses = [["UNRESOLVED", "Open or in review"], ["OPEN", "Open"], ["IN_REVIEW", "In review"], ["RESOLVED", "Resolved"], ["DISMISSED", "Dismissed"]] as const;
const select = "mt-1 block rounded-md border border-zinc-300 bg-white px-2 py-1.5 dark:border-zinc-700 dark:bg-zinc-950";

export default async function FindingsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePage("findings:read");
  const raw = await searchParams;
  const filter = findingsFilter.parse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])));
  const { rows, hasNext } = await listFindings(actor.workspaceId, filter);
  const params = { severity: filter.severity, kind: filter.kind, status: filter.status, identity: filter.identity };
  const filtered = Object.values(params).some(Boolean);
  return (
    <>
      <PageHeader title="Findings" description="Changes and unusual behaviour that opened a review, each with the sentence the reviewer reads." />
      {roleCan(actor.role, "events:write") ? <UploadEventsForm /> : null}
      <form method="get" className="mb-4 flex flex-wrap items-end gap-3 text-sm" aria-label="Filter findings">
        <div>
          <label htmlFor="f-severity" className="text-xs text-zinc-600 dark:text-zinc-400">Severity</label>
          <select id="f-severity" name="severity" defaultValue={filter.severity ?? ""} className={select}>
            <option value="">Any</option>
            {severities.map((s) => <option key={s} value={s}>{s.toLowerCase()}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="f-kind" className="text-xs text-zinc-600 dark:text-zinc-400">Rule</label>
          <select id="f-kind" name="kind" defaultValue={filter.kind ?? ""} className={select}>
            <option value="">Any</option>
            {engineKinds.map((k) => <option key={k} value={k}>{ruleText[k].title}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="f-status" className="text-xs text-zinc-600 dark:text-zinc-400">Status</label>
          <select id="f-status" name="status" defaultValue={filter.status ?? ""} className={select}>
            <option value="">Any</option>
            {statuses.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="f-identity" className="text-xs text-zinc-600 dark:text-zinc-400">Identity</label>
          <input id="f-identity" name="identity" defaultValue={filter.identity ?? ""} placeholder="name, external id or id" className={`${select} w-56`} />
        </div>
        <button type="submit" className="rounded-md border border-zinc-300 px-3 py-1.5 dark:border-zinc-700">Filter</button>
        {filtered ? <Link href="/findings" className="py-1.5 underline">Clear</Link> : null}
      </form>
      {rows.length === 0 ? (
        <EmptyState title={filtered ? "No findings match these filters" : "No findings yet"} next={filtered ? "Clear a filter to see more." : "Upload an audit log above or connect an event feed (POST /api/v1/events); findings appear when an identity changes or behaves unusually."} />
      ) : (
        <>
          <table className="w-full text-left text-sm">
            <thead className="border-b border-zinc-200 text-xs uppercase text-zinc-500 dark:border-zinc-800">
              <tr><th className="py-2">Severity</th><th>Rule</th><th>What happened</th><th>Identity</th><th>When</th><th>Review</th></tr>
            </thead>
            <tbody>
              {rows.map((f) => (
                <tr key={f.id} className="border-b border-zinc-100 align-top dark:border-zinc-900">
                  <td className="py-2"><StatusBadge value={f.severity} /></td>
                  <td className="whitespace-nowrap pr-2">{ruleText[f.kind].title}</td>
                  <td className="pr-2">{f.sentence}</td>
                  <td className="pr-2"><Link className="underline" href={`/inventory/${f.identity.id}#activity`}>{f.identity.name}</Link>{f.identity.discoveredBy === "EVENT" ? <span className="ml-1 text-xs text-zinc-500">(shadow)</span> : null}</td>
                  <td className="whitespace-nowrap pr-2">{f.createdAt.toISOString().slice(0, 16).replace("T", " ")}</td>
                  <td className="whitespace-nowrap">{f.reviewItemId ? <Link className="underline" href={`/reviews/${f.reviewItemId}`} aria-label={`Open review of ${f.identity.name}`}>Open review</Link> : <span className="text-zinc-500">{f.status.replace("_", " ").toLowerCase()}</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager basePath="/findings" params={params} page={filter.page} hasNext={hasNext} />
        </>
      )}
    </>
  );
}
