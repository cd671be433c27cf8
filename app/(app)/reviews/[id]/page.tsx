import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePage } from "@/lib/auth";
import { getDecisionSummary, getItemPage } from "@/lib/reviews/item-queries";
import { markItemViewed } from "@/lib/reviews/mark-item-viewed";
import { PageHeader } from "@/components/ui/page-header";
import { StatusBadge } from "@/components/ui/status-badge";
import { ActivityChart } from "@/app/(app)/reviews/[id]/activity-chart";
import { DecisionPanel } from "@/app/(app)/reviews/[id]/decision-panel";
import { RemediationDoneForm } from "@/app/(app)/reviews/[id]/remediation-done-form";

export const metadata: Metadata = { title: "Review" };

const DAY = 86_400_000;
const day = (d: Date | string | null) => (d ? new Date(d).toISOString().slice(0, 10) : "—");
const age = (d: string | null, now: Date) => (d ? `${Math.floor((now.getTime() - Date.parse(d)) / DAY)} days` : "—");
const label = (s: string) => s.replaceAll("_", " ").toLowerCase();
const words: Record<string, string> = { ATTEST: "Kept", REVOKE: "Revoked", REDUCE: "Reduced", EXCEPTION: "Exception granted", REASSIGN: "Reassigned" };
const card = "rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900";

export default async function ReviewItemPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ after?: string }> }) {
  const actor = await requirePage();
  const { id } = await params;
  const { after } = await searchParams;
  const now = new Date();
  const page = await getItemPage(actor, id, now);
  if (!page) notFound();
  const { item, snapshot, recommendation, mayDecideNow } = page;
  const open = (item.status === "PENDING" || item.status === "ESCALATED") && item.campaign.status === "ACTIVE";
  if (open && mayDecideNow) await markItemViewed(actor, item.id, now);
  const confirmed = await getDecisionSummary(actor.workspaceId, after);
  const ctx = snapshot.context;
  const highFindings = item.findings.some((f) => f.severity === "HIGH" || f.severity === "CRITICAL");
  const dialogItem = { id: item.id, name: snapshot.identity.name, entitlements: snapshot.entitlements.map((e) => ({ id: e.id, name: e.name, resource: e.resource, privileged: e.privileged })) };
  const task = item.decision?.remediation[0];
  return (
    <>
      {confirmed ? (
        <p role="status" className="mb-4 rounded-md bg-emerald-50 p-3 text-sm text-emerald-900">
          {words[confirmed.kind]} {confirmed.item.identity.name} at {confirmed.decidedAt.toISOString().slice(11, 16)} UTC. Decisions are final and audited; a mistake is corrected by a new review.
        </p>
      ) : null}
      <PageHeader
        title={snapshot.identity.name}
        description={`${label(snapshot.identity.kind)} · ${snapshot.identity.externalId} · ${item.campaign.name} · due ${day(item.dueAt)}`}
        actions={open && mayDecideNow ? <DecisionPanel item={dialogItem} highFindings={highFindings} exceptionMaxDays={page.exceptionMaxDays} /> : <StatusBadge value={item.decision?.kind ?? item.status} />}
      />
      {item.decision ? (
        <section aria-labelledby="decision" className={`${card} mb-6`}>
          <h2 id="decision" className="mb-2 font-medium">Decision</h2>
          <p className="text-sm">
            <StatusBadge value={item.decision.kind} /> {words[item.decision.kind]} by {item.decision.decider?.name ?? "Rollcall (no answer by the deadline)"} on {item.decision.decidedAt.toISOString().slice(0, 16).replace("T", " ")} UTC via {item.decision.channel.toLowerCase()}
            {item.decision.exceptionUntil ? `, until ${day(item.decision.exceptionUntil)}` : ""}
            {page.newOwner ? `, to ${page.newOwner.name} <${page.newOwner.email}>` : ""}.
          </p>
          {item.decision.justification ? <blockquote className="mt-2 border-l-2 border-accent pl-3 text-sm">{item.decision.justification}</blockquote> : null}
          {task ? (
            <div className="mt-3 text-sm" data-testid="remediation">
              <p>Remediation ({task.executor.toLowerCase()}): <StatusBadge value={task.status} /> due {day(task.dueAt)}{task.ticketRef ? ` · ticket ${task.ticketRef}` : ""}{task.responseCode ? ` · webhook answered ${task.responseCode}` : ""}{task.verifiedHow ? ` · verified: ${task.verifiedHow}` : ""}</p>
              {task.executor === "MANUAL" && (task.status === "OPEN" || task.status === "FAILED") && task.assigneeId === actor.userId ? <RemediationDoneForm taskId={task.id} /> : null}
            </div>
          ) : null}
        </section>
      ) : item.status === "EXPIRED" ? <p className={`${card} mb-6 text-sm`}>The campaign closed before this review was answered.</p> : null}
      {item.escalatedToId ? <p className="mb-4 text-sm">Escalated to {page.escalatedTo?.name ?? "—"} on {day(item.escalatedAt)}; reviewer {item.reviewer?.name ?? "unassigned"}.</p> : null}
      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="what" className={card}>
          <h2 id="what" className="mb-3 font-medium">What it is <span className="text-xs font-normal text-zinc-500">(as of {day(snapshot.takenAt)})</span></h2>
          <dl className="grid grid-cols-[9rem_1fr] gap-y-1 text-sm">
            <dt className="text-zinc-500">Owner</dt><dd>{ctx?.ownerName ? `${ctx.ownerName}${ctx.ownerStatus === "DEPARTED" ? " (departed)" : ""}` : "No owner (orphan)"}</dd>
            <dt className="text-zinc-500">Team</dt><dd>{ctx?.teamName ?? "—"}</dd>
            <dt className="text-zinc-500">Purpose</dt><dd>{ctx?.purpose ?? "—"}</dd>
            <dt className="text-zinc-500">Environment</dt><dd>{snapshot.identity.environment ?? "—"}</dd>
            <dt className="text-zinc-500">Source</dt><dd>{ctx ? `${ctx.sourceName} (synced ${day(ctx.sourceSyncedAt)})` : snapshot.identity.sourceId}</dd>
            <dt className="text-zinc-500">Last used</dt><dd>{day(snapshot.identity.lastUsedAt)}</dd>
            <dt className="text-zinc-500">Blast radius</dt><dd>{snapshot.identity.blastRadius}{snapshot.identity.privileged ? " · privileged" : ""}</dd>
          </dl>
          <h3 className="mb-2 mt-5 font-medium">Credentials</h3>
          {snapshot.credentials.length === 0 ? <p className="text-sm text-zinc-500">None recorded.</p> : (
            <table className="w-full text-left text-sm">
              <thead className="text-xs uppercase text-zinc-500"><tr><th>Credential</th><th>Age</th><th>Last used</th><th>Status</th></tr></thead>
              <tbody>{snapshot.credentials.map((c) => <tr key={c.id}><td><code>{c.externalId}</code> <span className="text-zinc-500">{label(c.kind)}</span></td><td>{age(c.createdAt, now)}</td><td>{day(c.lastUsedAt)}</td><td><StatusBadge value={c.status} /></td></tr>)}</tbody>
            </table>
          )}
          <h3 className="mb-2 mt-5 font-medium">Entitlements</h3>
          {snapshot.entitlements.length === 0 ? <p className="text-sm text-zinc-500">None recorded.</p> : (
            <ul className="space-y-1 text-sm">
              {snapshot.entitlements.map((e) => <li key={e.id}>{e.name} on <code>{e.resource}</code>{e.privileged ? <span className="ml-1 text-red-700 dark:text-red-400">privileged</span> : null}{e.canMint ? <span className="ml-1 text-amber-800 dark:text-amber-300">can mint credentials</span> : null}</li>)}
            </ul>
          )}
        </section>
        <div className="space-y-6">
          <section aria-labelledby="why" className={card}>
            <h2 id="why" className="mb-3 font-medium">Why now</h2>
            {item.findings.length ? (
              <ul className="space-y-2 text-sm">
                {item.findings.map((f) => <li key={f.id}><StatusBadge value={f.severity} /> {f.sentence} <span className="text-xs text-zinc-500">({label(f.kind)}, {day(f.createdAt)}{f.eventIds.length ? `, ${f.eventIds.length} event${f.eventIds.length === 1 ? "" : "s"}` : ""})</span></li>)}
              </ul>
            ) : null}
            <ul className="mt-2 space-y-1 text-sm">
              {(Array.isArray(item.reasons) ? (item.reasons as { kind: string; sentence: string }[]) : []).filter((r) => !item.findings.some((f) => f.sentence === r.sentence)).map((r, i) => <li key={i}>{r.sentence}</li>)}
            </ul>
            <p className="mt-4 rounded-md bg-zinc-100 p-3 text-sm dark:bg-zinc-800" data-testid="recommendation"><span className="font-medium">Recommendation:</span> {recommendation.reason}</p>
          </section>
          <section aria-labelledby="activity" className={card}>
            <h2 id="activity" className="mb-3 font-medium">Activity (30 days)</h2>
            <ActivityChart days={page.activity} />
          </section>
          <section aria-labelledby="history" className={card}>
            <h2 id="history" className="mb-3 font-medium">History</h2>
            {page.history.length === 0 ? <p className="text-sm text-zinc-500">No earlier reviews of this identity.</p> : (
              <ul className="space-y-1 text-sm">
                {page.history.map((h) => (
                  <li key={h.id}>
                    <Link href={`/reviews/${h.id}`} className="underline">{h.campaign.name}</Link> · {day(h.createdAt)} · {h.decision ? `${words[h.decision.kind]} by ${h.decision.decider?.name ?? "Rollcall"} (${h.decision.channel.toLowerCase()})${h.decision.justification ? `: “${h.decision.justification}”` : ""}` : label(h.status)}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      </div>
    </>
  );
}
