import type { Metadata } from "next";
import Link from "next/link";
import { requirePage } from "@/lib/auth";
import { roleCan } from "@/lib/authz/permissions";
import { inventoryFilter, listIdentities } from "@/lib/inventory/queries";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { StatusBadge } from "@/components/ui/status-badge";
import { Pager } from "@/components/ui/pager";

export const metadata: Metadata = { title: "Inventory" };

export default async function InventoryPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requirePage("inventory:read-own");
  const raw = await searchParams;
  const filter = inventoryFilter.parse(raw);
  const seeAll = roleCan(actor.role, "inventory:read");
  const { rows, hasNext } = await listIdentities(actor.workspaceId, filter, seeAll ? undefined : actor.userId);
  return (
    <>
      <PageHeader title="Inventory" description={seeAll ? "Every machine identity in this workspace." : "The machine identities you own."} />
      <form className="mb-4 flex gap-2" role="search">
        <label htmlFor="q" className="sr-only">Search by name or external id</label>
        <input id="q" name="q" defaultValue={filter.q} placeholder="Search name or external id" className="w-80 rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900" />
        <button className="rounded-md border border-zinc-300 px-3 py-1.5 text-sm dark:border-zinc-700">Search</button>
      </form>
      {rows.length === 0 ? (
        <EmptyState title={filter.q ? "No identity matches that search" : "No identities yet"} next={filter.q ? "Try part of the name or the start of the ARN." : "Import a credential report or connect a source."} />
      ) : (
        <table className="w-full text-left text-sm">
          <thead className="border-b border-zinc-200 text-xs uppercase text-zinc-500 dark:border-zinc-800">
            <tr><th className="py-2">Name</th><th>Kind</th><th>Source</th><th>Environment</th><th>Owner</th><th>Last used</th><th>Blast radius</th><th>Status</th></tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} className="border-b border-zinc-100 dark:border-zinc-900">
                <td className="py-2">
                  <Link className="font-medium underline" href={`/inventory/${r.id}`}>{r.name}</Link>
                  {r.privileged ? <span className="ml-2 rounded bg-zinc-200 px-1 text-xs dark:bg-zinc-800">privileged</span> : null}
                </td>
                <td>{r.kind.replaceAll("_", " ").toLowerCase()}</td>
                <td>{r.source.name}</td>
                <td>{r.environment ?? "—"}</td>
                <td>{r.owner ? `${r.owner.name}${r.owner.status === "DEPARTED" ? " (departed)" : ""}` : <span className="text-red-700 dark:text-red-400">no owner</span>}</td>
                <td>{r.lastUsedAt ? r.lastUsedAt.toISOString().slice(0, 10) : "never"}</td>
                <td>{r.blastRadius}</td>
                <td><StatusBadge value={r.status} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager basePath="/inventory" params={{ q: filter.q }} page={filter.page} hasNext={hasNext} />
    </>
  );
}
