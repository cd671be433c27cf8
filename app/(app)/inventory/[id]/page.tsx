import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requirePage } from "@/lib/auth";
import { roleCan } from "@/lib/authz/permissions";
import { getIdentity } from "@/lib/inventory/queries";
import { PageHeader } from "@/components/ui/page-header";
import { StatusBadge } from "@/components/ui/status-badge";

export const metadata: Metadata = { title: "Identity" };

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : "—");

export default async function IdentityPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePage("inventory:read-own");
  const { id } = await params;
  const identity = await getIdentity(actor.workspaceId, id);
  // Members see only what they own; anything else is "not found", exactly like another workspace's id.
  if (!identity || (!roleCan(actor.role, "inventory:read") && identity.ownerId !== actor.userId)) notFound();
  return (
    <>
      <PageHeader title={identity.name} description={`${identity.kind.replaceAll("_", " ").toLowerCase()} · ${identity.externalId}`} />
      <div className="grid gap-6 md:grid-cols-2">
        <section aria-labelledby="what" className="rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
          <h2 id="what" className="mb-3 font-medium">What it is</h2>
          <dl className="grid grid-cols-[10rem_1fr] gap-y-1 text-sm">
            <dt className="text-zinc-500">Status</dt><dd><StatusBadge value={identity.status} /></dd>
            <dt className="text-zinc-500">Owner</dt><dd>{identity.owner ? `${identity.owner.name} <${identity.owner.email}>` : "No owner (orphan)"}</dd>
            <dt className="text-zinc-500">Team</dt><dd>{identity.owningTeam?.name ?? "—"}</dd>
            <dt className="text-zinc-500">Environment</dt><dd>{identity.environment ?? "—"}</dd>
            <dt className="text-zinc-500">Purpose</dt><dd>{identity.purpose ?? "—"}</dd>
            <dt className="text-zinc-500">Source</dt><dd>{identity.source.name} (synced {day(identity.source.lastSyncedAt)})</dd>
            <dt className="text-zinc-500">Last used</dt><dd>{day(identity.lastUsedAt)}</dd>
            <dt className="text-zinc-500">Blast radius</dt><dd>{identity.blastRadius}</dd>
          </dl>
        </section>
        <section aria-labelledby="creds" className="rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
          <h2 id="creds" className="mb-3 font-medium">Credentials</h2>
          {identity.credentials.length === 0 ? <p className="text-sm text-zinc-500">No credentials recorded.</p> : (
            <ul className="space-y-1 text-sm">
              {identity.credentials.map((c) => (
                <li key={c.id}>{c.kind.replaceAll("_", " ").toLowerCase()} <code>{c.externalId}</code> · created {day(c.createdAt)} · last used {day(c.lastUsedAt)} · <StatusBadge value={c.status} /></li>
              ))}
            </ul>
          )}
          <h2 className="mb-3 mt-6 font-medium">Entitlements</h2>
          {identity.entitlements.length === 0 ? <p className="text-sm text-zinc-500">No entitlements recorded.</p> : (
            <ul className="space-y-1 text-sm">
              {identity.entitlements.map((e) => (
                <li key={e.id}>{e.name} on <code>{e.resource}</code>{e.privileged ? " · privileged" : ""}{e.canMint ? " · can mint credentials" : ""}</li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </>
  );
}
