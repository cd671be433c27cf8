import type { Metadata } from "next";
import Link from "next/link";
import { requirePage } from "@/lib/auth";
import { listOpenFindings } from "@/lib/findings/queries";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { StatusBadge } from "@/components/ui/status-badge";

export const metadata: Metadata = { title: "Findings" };

export default async function FindingsPage() {
  const actor = await requirePage("findings:read");
  const findings = await listOpenFindings(actor.workspaceId);
  return (
    <>
      <PageHeader title="Findings" description="Changes and unusual behaviour that opened a review." />
      {findings.length === 0 ? <EmptyState title="No open findings" next="Findings appear when an identity changes or behaves unusually." /> : (
        <table className="w-full text-left text-sm">
          <thead className="border-b border-zinc-200 text-xs uppercase text-zinc-500 dark:border-zinc-800"><tr><th className="py-2">Severity</th><th>Rule</th><th>What happened</th><th>Identity</th><th>When</th></tr></thead>
          <tbody>
            {findings.map((f) => (
              <tr key={f.id} className="border-b border-zinc-100 dark:border-zinc-900">
                <td className="py-2"><StatusBadge value={f.severity} /></td>
                <td>{f.kind.replaceAll("_", " ").toLowerCase()}</td>
                <td>{f.sentence}</td>
                <td><Link className="underline" href={`/inventory/${f.identity.id}`}>{f.identity.name}</Link></td>
                <td>{f.createdAt.toISOString().slice(0, 16).replace("T", " ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
