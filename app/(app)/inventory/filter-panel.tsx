import Link from "next/link";
import type { InventoryFilter } from "@/lib/inventory/queries";

type Option = { id: string; name: string };
const KINDS = ["SERVICE_ACCOUNT", "API_KEY", "OAUTH_APP", "TOKEN", "CERTIFICATE", "DEPLOY_KEY", "WORKLOAD", "AI_AGENT", "BOT"];
const field = "mt-1 w-full rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-950";

/** Filters as a plain GET form: every choice lands in the URL, so a view can be bookmarked and shared. */
export function FilterPanel({ filter, sources, owners, showOwner }: { filter: InventoryFilter; sources: Option[]; owners: Option[]; showOwner: boolean }) {
  return (
    <form method="get" action="/inventory" aria-label="Filters" className="space-y-3 text-sm">
      <div>
        <label htmlFor="f-q" className="font-medium">Search</label>
        <input id="f-q" name="q" defaultValue={filter.q} placeholder="Part of the name, or an exact external id" className={field} />
      </div>
      <div>
        <label htmlFor="f-source" className="font-medium">Source</label>
        <select id="f-source" name="source" defaultValue={filter.source ?? ""} className={field}>
          <option value="">Any source</option>
          {sources.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
        </select>
      </div>
      <div>
        <label htmlFor="f-kind" className="font-medium">Kind</label>
        <select id="f-kind" name="kind" defaultValue={filter.kind ?? ""} className={field}>
          <option value="">Any kind</option>
          {KINDS.map((k) => <option key={k} value={k}>{k.replaceAll("_", " ").toLowerCase()}</option>)}
        </select>
      </div>
      <div>
        <label htmlFor="f-env" className="font-medium">Environment</label>
        <input id="f-env" name="environment" defaultValue={filter.environment} placeholder="e.g. prod" className={field} />
      </div>
      {showOwner ? (
        <div>
          <label htmlFor="f-owner" className="font-medium">Owner</label>
          <select id="f-owner" name="owner" defaultValue={filter.owner ?? ""} className={field}>
            <option value="">Anyone</option>
            <option value="none">No owner</option>
            {owners.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
          </select>
        </div>
      ) : null}
      <fieldset className="space-y-1">
        <legend className="font-medium">Risk</legend>
        <label className="flex items-center gap-2"><input type="checkbox" name="orphan" value="1" defaultChecked={filter.orphan} /> Orphans (no owner or owner left)</label>
        <label className="flex items-center gap-2"><input type="checkbox" name="privileged" value="1" defaultChecked={filter.privileged} /> Privileged</label>
        <label className="flex items-center gap-2"><input type="checkbox" name="dormant" value="1" defaultChecked={filter.dormant} /> Dormant</label>
      </fieldset>
      <div>
        <label htmlFor="f-age" className="font-medium">Credential older than</label>
        <select id="f-age" name="credentialAge" defaultValue={filter.credentialAge?.toString() ?? ""} className={field}>
          <option value="">Any age</option>
          {[30, 90, 180, 365].map((d) => <option key={d} value={d}>{d} days</option>)}
        </select>
      </div>
      <div>
        <label htmlFor="f-blast" className="font-medium">Blast radius at least</label>
        <select id="f-blast" name="blast" defaultValue={filter.blast?.toString() ?? ""} className={field}>
          <option value="">Any</option>
          {[25, 50, 75, 90].map((b) => <option key={b} value={b}>{b}</option>)}
        </select>
      </div>
      <div>
        <label htmlFor="f-status" className="font-medium">Status</label>
        <select id="f-status" name="status" defaultValue={filter.status ?? ""} className={field}>
          <option value="">Active and disabled</option>
          <option value="removed">Removed from source</option>
          <option value="all">All</option>
        </select>
      </div>
      {filter.sort ? <input type="hidden" name="sort" value={filter.sort} /> : null}
      {filter.dir ? <input type="hidden" name="dir" value={filter.dir} /> : null}
      <div className="flex gap-2 pt-1">
        <button type="submit" className="rounded-md bg-accent px-3 py-1.5 font-medium text-accent-fg">Apply filters</button>
        <Link href="/inventory" className="rounded-md border border-zinc-300 px-3 py-1.5 dark:border-zinc-700">Clear</Link>
      </div>
    </form>
  );
}
