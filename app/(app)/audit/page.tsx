import type { Metadata } from "next";
import { requirePage } from "@/lib/auth";
import { listAuditEvents } from "@/lib/audit/queries";
import { verifyAuditChain } from "@/lib/audit/verify-chain";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage() {
  const actor = await requirePage("audit:read");
  const [events, chain] = await Promise.all([listAuditEvents(actor.workspaceId), verifyAuditChain(actor.workspaceId)]);
  return (
    <>
      <PageHeader title="Audit log" description="Every change, hash-chained: altering or removing an event breaks the chain at that point." />
      <p role="status" data-testid="chain-status" className={`mb-4 rounded-md p-3 text-sm ${chain.ok ? "bg-emerald-50 text-emerald-900" : "bg-red-50 text-red-900"}`}>
        {chain.ok ? `Chain verified up to event #${chain.headSeq} (head ${chain.headHash.slice(0, 16)}…).` : `Chain broken at event #${chain.broken.seq}: ${chain.broken.reason}.`}
      </p>
      {events.length === 0 ? <EmptyState title="No audit events yet" next="Every change made in Rollcall is recorded here." /> : (
        <table className="w-full text-left text-sm">
          <thead className="border-b border-zinc-200 text-xs uppercase text-zinc-500 dark:border-zinc-800"><tr><th className="py-2">#</th><th>When</th><th>Actor</th><th>Action</th><th>Subject</th></tr></thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.id} className="border-b border-zinc-100 dark:border-zinc-900">
                <td className="py-2">{e.seq}</td>
                <td>{e.at.toISOString().slice(0, 19).replace("T", " ")}</td>
                <td>{e.actorLabel}</td>
                <td><code>{e.action}</code></td>
                <td>{e.subjectId ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
