import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePage } from "@/lib/auth";
import { roleCan } from "@/lib/authz/permissions";
import { blastRadius } from "@/lib/inventory/blast-radius";
import { getIdentity, identityHistory, ownerChoices } from "@/lib/inventory/queries";
import { PageHeader } from "@/components/ui/page-header";
import { StatusBadge } from "@/components/ui/status-badge";
import { OwnerForm } from "@/app/(app)/inventory/[id]/owner-form";
import { CredentialTable, EntitlementTable, HistoryList } from "@/app/(app)/inventory/[id]/identity-sections";
import { ActivityAndFindings } from "@/app/(app)/inventory/[id]/activity-and-findings";

export const metadata: Metadata = { title: "Identity" };

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : "—");
const card = "rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900";

function ownerSourceText(source: string | null, rule: { name: string; pattern: string | null } | null) {
  if (source === "MANUAL") return "set by hand; syncs and rules leave it alone";
  if (source === "IMPORT") return "named in the imported file";
  if (source === "RULE") return rule ? `ownership rule “${rule.name}”${rule.pattern ? ` (${rule.pattern})` : ""}` : "an ownership rule";
  return "not set by Rollcall";
}

export default async function IdentityPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePage("inventory:read-own");
  const { id } = await params;
  const identity = await getIdentity(actor.workspaceId, id);
  // Members see only what they own; anything else is "not found", exactly like another workspace's id.
  if (!identity || (!roleCan(actor.role, "inventory:read") && identity.ownerId !== actor.userId)) notFound();
  const canEdit = roleCan(actor.role, "inventory:write");
  const [history, choices] = await Promise.all([identityHistory(actor.workspaceId, identity), canEdit ? ownerChoices(actor.workspaceId) : null]);
  const blast = blastRadius({ externalId: identity.externalId, environment: identity.environment, entitlements: identity.entitlements });
  const orphan = identity.owner ? identity.owner.status === "DEPARTED" : !identity.owningTeam;
  const firstSync = history.syncs.find((s) => s.id === identity.firstSyncId);
  const lastSync = history.syncs.find((s) => s.id === identity.lastSyncId);
  const tags = Object.entries((identity.tags ?? {}) as Record<string, string>);
  return (
    <>
      <PageHeader title={identity.name} description={`${identity.kind.replaceAll("_", " ").toLowerCase()} · ${identity.externalId}`} actions={<StatusBadge value={identity.status} />} />
      <div className="grid gap-6 lg:grid-cols-3">
        <section aria-labelledby="blast" className={`${card} lg:col-span-2`}>
          <h2 id="blast" className="font-medium">Blast radius <span className="ml-2 text-2xl font-semibold" data-testid="blast-score">{blast.score}</span><span className="text-sm text-zinc-500">/100</span></h2>
          <p className="mt-1 text-sm" data-testid="blast-sentence">{blast.sentence}</p>
          {identity.blastRadius !== blast.score ? <p className="mt-1 text-xs text-zinc-500">Stored score from the last sync: {identity.blastRadius}.</p> : null}
        </section>
        <section aria-labelledby="owner" className={card}>
          <h2 id="owner" className="font-medium">Owner</h2>
          <p className="mt-1 text-sm" data-testid="owner-name">
            {identity.owner ? `${identity.owner.name} <${identity.owner.email}>` : "No owner"}
            {identity.owningTeam ? ` · team ${identity.owningTeam.name}` : ""}
          </p>
          {orphan ? <p className="mt-1 text-sm font-medium text-red-700 dark:text-red-400">Orphan: {identity.owner ? "the owner has left" : "nobody owns it"}.</p> : null}
          <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">Owner {ownerSourceText(identity.ownerSource, history.rule)}.</p>
          {choices ? <OwnerForm identityId={identity.id} ownerId={identity.owner?.status === "ACTIVE" ? identity.owner.id : null} owningTeamId={identity.owningTeam?.id ?? null} users={choices.users} teams={choices.teams} /> : null}
        </section>
        <section aria-labelledby="what" className={card}>
          <h2 id="what" className="mb-3 font-medium">What it is</h2>
          <dl className="grid grid-cols-[8rem_1fr] gap-y-1 text-sm">
            <dt className="text-zinc-500">Source</dt><dd>{roleCan(actor.role, "inventory:read") ? <Link className="underline" href={`/sources/${identity.source.id}`}>{identity.source.name}</Link> : identity.source.name}</dd>
            <dt className="text-zinc-500">Environment</dt><dd>{identity.environment ?? "—"}</dd>
            <dt className="text-zinc-500">Purpose</dt><dd>{identity.purpose ?? "—"}</dd>
            <dt className="text-zinc-500">Created</dt><dd>{day(identity.createdAtSource)}{identity.createdBy ? ` by ${identity.createdBy}` : ""}</dd>
            <dt className="text-zinc-500">Last used</dt><dd>{day(identity.lastUsedAt)}</dd>
            <dt className="text-zinc-500">Discovered</dt><dd>{identity.discoveredBy.toLowerCase()} · first seen {day(identity.firstSeenAt)}</dd>
            <dt className="text-zinc-500">Tags</dt><dd>{tags.length ? tags.map(([k, v]) => `${k}=${v}`).join(", ") : "—"}</dd>
          </dl>
        </section>
        <section aria-labelledby="provenance" className={`${card} lg:col-span-2`}>
          <h2 id="provenance" className="mb-3 font-medium">Sync provenance</h2>
          <dl className="grid grid-cols-[9rem_1fr] gap-y-1 text-sm">
            <dt className="text-zinc-500">Source synced</dt><dd>{day(identity.source.lastSyncedAt)}</dd>
            <dt className="text-zinc-500">First brought in by</dt><dd>{firstSync ? `${firstSync.format}${firstSync.fileName ? ` · ${firstSync.fileName}` : ""} · ${day(firstSync.startedAt)}${firstSync.fileSha256 ? ` · sha256 ${firstSync.fileSha256.slice(0, 12)}…` : ""}` : "not by a sync (seeded or discovered)"}</dd>
            <dt className="text-zinc-500">Last changed by</dt><dd>{lastSync ? `${lastSync.format}${lastSync.fileName ? ` · ${lastSync.fileName}` : ""} · ${day(lastSync.startedAt)}` : "—"}</dd>
          </dl>
        </section>
      </div>
      <section aria-labelledby="creds" className={`${card} mt-6`}>
        <h2 id="creds" className="mb-3 font-medium">Credentials</h2>
        <CredentialTable credentials={identity.credentials} />
      </section>
      <section aria-labelledby="ents" className={`${card} mt-6`}>
        <h2 id="ents" className="mb-3 font-medium">Entitlements {history.removedEntitlements ? <span className="text-sm font-normal text-zinc-500">({history.removedEntitlements} removed earlier)</span> : null}</h2>
        <EntitlementTable entitlements={identity.entitlements} />
      </section>
      <ActivityAndFindings workspaceId={actor.workspaceId} identityId={identity.id} showFindings={roleCan(actor.role, "findings:read")} />
      <section aria-labelledby="history" className={`${card} mt-6`}>
        <h2 id="history" className="mb-3 font-medium">History</h2>
        <HistoryList changes={history.changes} audit={history.audit} />
      </section>
    </>
  );
}
