import type { Metadata } from "next";
import { requirePage } from "@/lib/auth";
import { listTriggerRules } from "@/lib/triggers/queries";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";

export const metadata: Metadata = { title: "Triggers" };

export default async function TriggersPage() {
  const actor = await requirePage("triggers:manage");
  const rules = await listTriggerRules(actor.workspaceId);
  return (
    <>
      <PageHeader title="Triggers" description="Rules that open a review when an identity changes or behaves unusually." />
      {rules.length === 0 ? <EmptyState title="No trigger rules configured" next="Rules are created with the workspace; ask an admin to reset them." /> : (
        <ul className="grid gap-3 md:grid-cols-2 xl:grid-cols-3">
          {rules.map((r) => (
            <li key={r.id} className="rounded-lg border border-zinc-200 bg-white p-4 text-sm dark:border-zinc-800 dark:bg-zinc-900">
              <p className="font-medium">{r.kind.replaceAll("_", " ").toLowerCase()}</p>
              <p className="text-zinc-500">{r.enabled ? "On" : "Off"} · cooldown {r.cooldownHours} h</p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
