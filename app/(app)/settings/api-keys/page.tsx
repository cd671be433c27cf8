import type { Metadata } from "next";
import { requirePage } from "@/lib/auth";
import { apiKeyScopes } from "@/lib/authz/permissions";
import { listApiKeys } from "@/lib/api-keys/queries";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { CreateApiKeyForm } from "@/app/(app)/settings/api-keys/create-api-key-form";
import { RevokeApiKeyButton } from "@/app/(app)/settings/api-keys/revoke-api-key-button";

export const metadata: Metadata = { title: "API keys" };

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : "—");

export default async function ApiKeysPage() {
  const actor = await requirePage("settings:manage");
  const keys = await listApiKeys(actor.workspaceId);
  return (
    <>
      <PageHeader title="API keys" description="Bearer keys for the REST API and the rollcall CLI. Only a hash is stored; the secret is shown once." />
      <CreateApiKeyForm scopes={apiKeyScopes} />
      <div className="mt-6">
        {keys.length === 0 ? <EmptyState title="No API keys" next="Create one above to push inventory or events from your pipelines." /> : (
          <table className="w-full text-left text-sm">
            <thead className="border-b border-zinc-200 text-xs uppercase text-zinc-500 dark:border-zinc-800"><tr><th className="py-2">Name</th><th>Key</th><th>Scopes</th><th>Created</th><th>Last used</th><th>Expires</th><th>Status</th><th /></tr></thead>
            <tbody>
              {keys.map((k) => (
                <tr key={k.id} className="border-b border-zinc-100 dark:border-zinc-900">
                  <td className="py-2 font-medium">{k.name}</td>
                  <td><code>{k.prefix}…</code></td>
                  <td className="text-xs">{k.scopes.join(", ")}</td>
                  <td>{day(k.createdAt)}</td>
                  <td>{day(k.lastUsedAt)}</td>
                  <td>{day(k.expiresAt)}</td>
                  <td>{k.revokedAt ? `revoked ${day(k.revokedAt)}` : "active"}</td>
                  <td>{k.revokedAt ? null : <RevokeApiKeyButton apiKeyId={k.id} name={k.name} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </>
  );
}
