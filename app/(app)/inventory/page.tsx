import type { Metadata } from "next";
import Link from "next/link";
import { requirePage } from "@/lib/auth";
import { roleCan } from "@/lib/authz/permissions";
import { dormancyDays, inventoryFilter, listIdentities, listSourceChoices, ownerChoices, type InventoryFilter } from "@/lib/inventory/queries";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { StatusBadge } from "@/components/ui/status-badge";
import { Pager } from "@/components/ui/pager";
import { FilterPanel } from "@/app/(app)/inventory/filter-panel";
import { filterParams, inventoryHref } from "@/app/(app)/inventory/inventory-href";

export const metadata: Metadata = { title: "Inventory" };

const DAY = 86_400_000;
const ago = (d: Date | null, now: number) => (d ? `${Math.max(0, Math.floor((now - d.getTime()) / DAY))} d ago` : "never");

const savedViews: { label: string; patch: Partial<Record<keyof InventoryFilter, string | number | boolean>> }[] = [
  { label: "Orphans", patch: { orphan: true } },
  { label: "Privileged & dormant", patch: { privileged: true, dormant: true } },
  { label: "Keys older than 90 days", patch: { credentialAge: 90 } },
  { label: "Widest blast radius", patch: { sort: "blastRadius", dir: "desc" } },
];

function SortHeader({ filter, sort, label }: { filter: InventoryFilter; sort: NonNullable<InventoryFilter["sort"]>; label: string }) {
  const active = (filter.sort ?? "name") === sort;
  const dir = filter.dir ?? (sort === "blastRadius" ? "desc" : "asc");
  const next = active && dir === "asc" ? "desc" : active ? "asc" : sort === "blastRadius" ? "desc" : "asc";
  return (
    <th scope="col" aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : "none"} className="py-2">
      <Link href={inventoryHref(filter, { sort, dir: next })} className="hover:underline">{label}{active ? (dir === "asc" ? " ↑" : " ↓") : ""}</Link>
    </th>
  );
}

export default async function InventoryPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requirePage("inventory:read-own");
  const filter = inventoryFilter.parse(await searchParams);
  const seeAll = roleCan(actor.role, "inventory:read");
  const canImport = roleCan(actor.role, "inventory:write");
  const days = await dormancyDays(actor.workspaceId);
  const [{ rows, hasNext }, sources, owners] = await Promise.all([
    listIdentities(actor.workspaceId, filter, seeAll ? undefined : actor.userId, { dormancyDays: days }),
    listSourceChoices(actor.workspaceId),
    seeAll ? ownerChoices(actor.workspaceId) : Promise.resolve({ users: [], teams: [] }),
  ]);
  const now = Date.now();
  const filtered = Object.keys(filterParams(filter)).some((k) => k !== "sort" && k !== "dir");
  return (
    <>
      <PageHeader
        title="Inventory"
        description={seeAll ? "Every machine identity in this workspace: what it is, what it can do, who owns it." : "The machine identities you own."}
        actions={
          canImport ? (
            <div className="flex items-center gap-3 text-sm">
              <Link href="/settings/ownership" className="underline">Ownership rules</Link>
              <Link href="/sources" className="rounded-md bg-accent px-3 py-1.5 font-medium text-accent-fg">Sources & imports</Link>
            </div>
          ) : undefined
        }
      />
      {seeAll ? (
        <nav aria-label="Saved views" className="mb-4 flex flex-wrap gap-2 text-sm">
          {savedViews.map((v) => (
            <Link key={v.label} href={inventoryHref({ page: 1 }, v.patch)} className="rounded-full border border-zinc-300 px-3 py-1 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800">{v.label}</Link>
          ))}
        </nav>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-[15rem_1fr]">
        <aside className="rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
          <FilterPanel filter={filter} sources={sources} owners={owners.users} showOwner={seeAll} />
        </aside>
        <div className="min-w-0">
          {rows.length === 0 ? (
            <EmptyState
              title={filtered ? "No identity matches these filters" : "No identities yet"}
              next={filtered ? "Loosen a filter, or clear them all." : canImport ? "Import a credential report or another export on the Sources page." : "Identities you own will appear here."}
            />
          ) : (
            <div className="overflow-x-auto">
              <table className="w-full text-left text-sm">
                <caption className="sr-only">Machine identities, {filter.sort ?? "name"} order</caption>
                <thead className="border-b border-zinc-200 text-xs uppercase text-zinc-500 dark:border-zinc-800">
                  <tr>
                    <SortHeader filter={filter} sort="name" label="Name" />
                    <th scope="col">Kind</th>
                    <th scope="col">Source</th>
                    <th scope="col">Env</th>
                    <th scope="col">Owner</th>
                    <SortHeader filter={filter} sort="lastUsedAt" label="Last used" />
                    <SortHeader filter={filter} sort="oldestCredentialAt" label="Oldest key" />
                    <SortHeader filter={filter} sort="blastRadius" label="Blast radius" />
                    <th scope="col">Status</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.id} className="border-b border-zinc-100 dark:border-zinc-900">
                      <td className="py-2">
                        <Link className="font-medium underline" href={`/inventory/${r.id}`}>{r.name}</Link>
                        {r.privileged ? <span className="ml-2 rounded bg-zinc-200 px-1 text-xs dark:bg-zinc-800">privileged</span> : null}
                        <div className="max-w-xs truncate text-xs text-zinc-600 dark:text-zinc-400" title={r.externalId}>{r.externalId}</div>
                      </td>
                      <td>{r.kind.replaceAll("_", " ").toLowerCase()}</td>
                      <td>{r.source.name}</td>
                      <td>{r.environment ?? "—"}</td>
                      <td>
                        {r.owner ? (r.owner.status === "DEPARTED" ? <span className="text-red-700 dark:text-red-400">{r.owner.name} (left)</span> : r.owner.name) : r.owningTeam ? `${r.owningTeam.name} (team)` : <span className="text-red-700 dark:text-red-400">no owner</span>}
                      </td>
                      <td>{ago(r.lastUsedAt, now)}</td>
                      <td>{r.oldestCredentialAt ? ago(r.oldestCredentialAt, now).replace(" ago", "") : "—"}</td>
                      <td>{r.blastRadius}</td>
                      <td><StatusBadge value={r.status} /></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <Pager basePath="/inventory" params={filterParams(filter)} page={filter.page} hasNext={hasNext} />
        </div>
      </div>
    </>
  );
}
