import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePage } from "@/lib/auth";
import { roleCan } from "@/lib/authz/permissions";
import { formats } from "@/lib/inventory/formats/registry";
import { getSource, listSyncs } from "@/lib/inventory/source-queries";
import type { RowIssue } from "@/lib/inventory/formats/types";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { StatusBadge } from "@/components/ui/status-badge";
import { Pager } from "@/components/ui/pager";
import { UploadDialog } from "@/app/(app)/sources/upload-dialog";

export const metadata: Metadata = { title: "Source" };

const when = (d: Date | null) => (d ? d.toISOString().slice(0, 19).replace("T", " ") : "—");
const duration = (a: Date, b: Date | null) => (b ? `${((b.getTime() - a.getTime()) / 1000).toFixed(1)} s` : "—");

export default async function SourcePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requirePage("inventory:read");
  const { id } = await params;
  const query = await searchParams;
  const source = /^src_[0-9a-f]{32}$/.test(id) ? await getSource(actor.workspaceId, id) : null;
  if (!source) notFound();
  const page = Math.max(1, Number(query.page) || 1);
  const { rows, hasNext } = await listSyncs(actor.workspaceId, source.id, page);
  const canWrite = roleCan(actor.role, "inventory:write");
  const formatOptions = Object.values(formats).map((f) => ({ name: f.name, label: f.label, produce: f.produce }));
  return (
    <>
      <PageHeader title={source.name} description={`${source.kind.toLowerCase()} source${source.externalRef ? ` · ${source.externalRef}` : ""} · every sync below is an extraction record: file, hash, counts.`} actions={<Link href={`/inventory?source=${source.id}`} className="text-sm underline">Its identities</Link>} />
      {canWrite ? <UploadDialog sourceId={source.id} sourceName={source.name} formats={formatOptions} openAtStart={query.upload === "1"} /> : null}
      <h2 className="mb-2 mt-4 font-medium">Sync history</h2>
      {rows.length === 0 ? <EmptyState title="No syncs yet" next="Import a file into this source, or push identities with the API (PUT /api/v1/sources/{id}/identities)." /> : (
        <table className="w-full text-left text-sm">
          <thead className="border-b border-zinc-200 text-xs uppercase text-zinc-500 dark:border-zinc-800">
            <tr><th className="py-2">Started</th><th>Format</th><th>File</th><th>sha256</th><th>Status</th><th>Rows</th><th>Seen</th><th>Added</th><th>Changed</th><th>Removed</th><th>Took</th></tr>
          </thead>
          <tbody>
            {rows.map((s) => {
              const errors = (s.errors ?? []) as RowIssue[];
              return (
                <tr key={s.id} className="border-b border-zinc-100 align-top dark:border-zinc-900">
                  <td className="py-2">{when(s.startedAt)}</td>
                  <td>{s.format}</td>
                  <td className="max-w-[12rem] truncate" title={s.fileName ?? undefined}>{s.fileName ?? "—"}</td>
                  <td>{s.fileSha256 ? <code title={s.fileSha256}>{s.fileSha256.slice(0, 12)}…</code> : "—"}</td>
                  <td>
                    <StatusBadge value={s.status} />
                    {errors.length ? (
                      <details className="mt-1 text-xs"><summary>{errors.length} error{errors.length === 1 ? "" : "s"}</summary>
                        <ul className="mt-1 space-y-0.5">{errors.slice(0, 50).map((e, i) => <li key={i}>line {e.line ?? "—"} · {e.column ?? "—"}: {e.reason}</li>)}</ul>
                      </details>
                    ) : null}
                  </td>
                  <td>{s.rowsParsed.toLocaleString("en-US")}</td>
                  <td>{s.seenCount.toLocaleString("en-US")}</td>
                  <td>{s.addedCount.toLocaleString("en-US")}</td>
                  <td>{s.changedCount.toLocaleString("en-US")}</td>
                  <td>{s.removedCount.toLocaleString("en-US")}</td>
                  <td>{duration(s.startedAt, s.finishedAt)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <Pager basePath={`/sources/${source.id}`} params={{}} page={page} hasNext={hasNext} />
    </>
  );
}
