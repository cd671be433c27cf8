import type { Metadata } from "next";
import { requirePage } from "@/lib/auth";
import { listTriggerRules, triggerRuleStats } from "@/lib/triggers/queries";
import { engineKinds, paramsByKind, ruleText } from "@/lib/triggers/schema";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { TriggerRuleCard } from "@/app/(app)/triggers/trigger-rule-card";
import { DryRunPanel } from "@/app/(app)/triggers/dry-run-panel";

export const metadata: Metadata = { title: "Triggers" };

const day = (d: Date) => d.toISOString().slice(0, 10);

export default async function TriggersPage() {
  const actor = await requirePage("triggers:manage");
  const now = new Date();
  const [rules, stats] = await Promise.all([listTriggerRules(actor.workspaceId), triggerRuleStats(actor.workspaceId, now)]);
  const shown = rules.filter((r) => engineKinds.includes(r.kind));
  const titles = Object.fromEntries(Object.entries(ruleText).map(([k, v]) => [k, v.title]));
  return (
    <>
      <PageHeader title="Triggers" description="Rules that open a review when an identity changes or behaves unusually. Each rule fires at most once per identity within its cooldown." />
      {shown.length === 0 ? <EmptyState title="No trigger rules configured" next="Rules are created with the workspace; ask an admin to reset them." /> : (
        <ul className="mb-6 grid gap-3 md:grid-cols-2 xl:grid-cols-3">
          {shown.map((r) => {
            const s = stats.get(r.kind);
            return (
              <TriggerRuleCard
                key={r.id}
                rule={{ id: r.id, kind: r.kind, enabled: r.enabled, cooldownHours: r.cooldownHours, params: (r.params ?? {}) as Record<string, number> }}
                title={ruleText[r.kind].title}
                what={ruleText[r.kind].what}
                paramNames={paramsByKind[r.kind]}
                lastFired={s?.lastFiredAt ? s.lastFiredAt.toISOString().slice(0, 16).replace("T", " ") : null}
                last30Days={s?.last30Days ?? 0}
              />
            );
          })}
        </ul>
      )}
      <DryRunPanel defaultFrom={day(new Date(now.getTime() - 7 * 86_400_000))} defaultTo={day(now)} titles={titles} />
    </>
  );
}
