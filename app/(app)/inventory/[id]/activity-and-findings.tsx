import Link from "next/link";
import { findingsForIdentity } from "@/lib/findings/queries";
import { eventsByIds, identityActivity } from "@/lib/events/queries";
import { listTriggerRules } from "@/lib/triggers/queries";
import { ruleText } from "@/lib/triggers/schema";
import { StatusBadge } from "@/components/ui/status-badge";
import { ActivityTimeline } from "@/components/activity-timeline";

const card = "rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900";
const factor = (params: unknown) => (params && typeof params === "object" && typeof (params as { factor?: unknown }).factor === "number" ? (params as { factor: number }).factor : 10);

/** The identity's activity timeline (daily calls and tokens against its baseline) and, for those who may read findings, its findings with their sentences and evidence. */
export async function ActivityAndFindings({ workspaceId, identityId, showFindings }: { workspaceId: string; identityId: string; showFindings: boolean }) {
  const [activity, findings, rules] = await Promise.all([identityActivity(workspaceId, identityId), showFindings ? findingsForIdentity(workspaceId, identityId) : [], listTriggerRules(workspaceId)]);
  const events = await eventsByIds(workspaceId, [...new Set(findings.flatMap((f) => f.eventIds.slice(0, 5)))].slice(0, 100));
  const eventById = new Map(events.map((e) => [e.id, e]));
  return (
    <>
      <section id="activity" aria-labelledby="activity-title" className={`${card} mt-6`}>
        <h2 id="activity-title" className="mb-2 font-medium">Activity, last 30 days</h2>
        <ActivityTimeline days={activity.days} medianCalls={activity.medianCalls} medianTokens={activity.medianTokens}
          callFactor={factor(rules.find((r) => r.kind === "API_VOLUME_SPIKE")?.params)} tokenFactor={factor(rules.find((r) => r.kind === "TOKEN_SPIKE")?.params)} />
        <dl className="mt-3 grid grid-cols-[10rem_1fr] gap-y-1 text-sm">
          <dt className="text-zinc-500">Baseline since</dt><dd>{activity.since ? activity.since.slice(0, 10) : "no events yet"}</dd>
          <dt className="text-zinc-500">Regions</dt><dd>{activity.regions.join(", ") || "—"}</dd>
          <dt className="text-zinc-500">Networks</dt><dd>{activity.networks.slice(0, 10).join(", ") || "—"}</dd>
          <dt className="text-zinc-500">Clients</dt><dd>{activity.userAgents.join(", ") || "—"}</dd>
        </dl>
      </section>
      {showFindings ? (
        <section id="findings" aria-labelledby="findings-title" className={`${card} mt-6`}>
          <h2 id="findings-title" className="mb-2 font-medium">Findings</h2>
          {findings.length === 0 ? <p className="text-sm text-zinc-500">No findings for this identity.</p> : (
            <ul className="space-y-3 text-sm" data-testid="identity-findings">
              {findings.map((f) => (
                <li key={f.id}>
                  <p><StatusBadge value={f.severity} /> <span className="text-zinc-500">{ruleText[f.kind].title} · {f.createdAt.toISOString().slice(0, 16).replace("T", " ")}</span>{f.reviewItemId ? <> · <Link className="underline" href={`/reviews/${f.reviewItemId}`}>Open review</Link></> : null}</p>
                  <p className="mt-1">{f.sentence}</p>
                  {f.eventIds.some((e) => eventById.has(e)) ? (
                    <ul className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
                      {f.eventIds.slice(0, 5).map((e) => eventById.get(e)).filter((e) => e !== undefined).map((e) => (
                        <li key={e.id}><code>{e.occurredAt.toISOString().replace("T", " ").slice(0, 19)}</code> {e.action}{e.target ? ` on ${e.target}` : ""}{e.sourceIp ? ` from ${e.sourceIp}` : ""}{e.region ? ` (${e.region})` : ""} · {e.principal}</li>
                      ))}
                    </ul>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
    </>
  );
}
