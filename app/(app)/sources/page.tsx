import type { Metadata } from "next";
import Link from "next/link";
import { requirePage } from "@/lib/auth";
import { roleCan } from "@/lib/authz/permissions";
import { listSources } from "@/lib/inventory/source-queries";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { StatusBadge } from "@/components/ui/status-badge";
import { NewSourceForm } from "@/app/(app)/sources/new-source-form";

export const metadata: Metadata = { title: "Sources" };

const when = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 16).replace("T", " ") : "never");

export default async function SourcesPage() {
  const actor = await requirePage("inventory:read");
  const canWrite = roleCan(actor.role, "inventory:write");
  const sources = await listSources(actor.workspaceId);
  return (
    <>
      <PageHeader title="Sources" description="Where identities come from, and every extraction of each: format, file hash, counts. Import a file into a source to sync it." />
      {canWrite ? (
        <section aria-labelledby="new-source" className="mb-6 rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
          <h2 id="new-source" className="mb-3 font-medium">Add a source</h2>
          <NewSourceForm />
        </section>
      ) : null}
      {sources.length === 0 ? <EmptyState title="No sources yet" next="Add one above, then import a credential report, a kubectl export or a token list into it." /> : (
        <table className="w-full text-left text-sm">
          <thead className="border-b border-zinc-200 text-xs uppercase text-zinc-500 dark:border-zinc-800">
            <tr><th className="py-2">Source</th><th>Kind</th><th>Identities</th><th>Last sync</th><th>Format</th><th>Status</th><th /></tr>
          </thead>
          <tbody>
            {sources.map((s) => (
              <tr key={s.id} className="border-b border-zinc-100 dark:border-zinc-900">
                <td className="py-2"><Link className="font-medium underline" href={`/sources/${s.id}`}>{s.name}</Link></td>
                <td>{s.kind.toLowerCase()}</td>
                <td><Link className="underline" href={`/inventory?source=${s.id}`}>{s.identities.toLocaleString("en-US")}</Link></td>
                <td>{when(s.lastSync?.startedAt ?? s.lastSyncedAt)}</td>
                <td>{s.lastSync?.format ?? "—"}</td>
                <td>{s.lastSync ? <StatusBadge value={s.lastSync.status} /> : "—"}</td>
                <td>{canWrite ? <Link className="underline" href={`/sources/${s.id}?upload=1`}>Import a file</Link> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
