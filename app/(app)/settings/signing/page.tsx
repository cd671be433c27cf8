import type { Metadata } from "next";
import { requirePage } from "@/lib/auth";
import { listSigningKeys } from "@/lib/signing/queries";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { RotateKeyButton } from "@/app/(app)/settings/signing/rotate-key-button";

export const metadata: Metadata = { title: "Signing keys" };

const when = (d: Date | null) => (d ? d.toISOString().slice(0, 16).replace("T", " ") : "—");

export default async function SigningKeysPage() {
  const actor = await requirePage("settings:manage");
  const keys = await listSigningKeys(actor.workspaceId);
  return (
    <>
      <PageHeader
        title="Signing keys"
        description="Ed25519 keys that sign evidence packs. The private key is stored encrypted with the application secret; retired keys stay listed so packs they signed can still be checked."
        actions={<RotateKeyButton />}
      />
      {keys.length === 0 ? <EmptyState title="No signing key yet" next="One is created with the first evidence pack, or rotate to create it now." /> : (
        <table className="w-full text-left text-sm">
          <thead className="border-b border-zinc-200 text-xs uppercase text-zinc-500 dark:border-zinc-800"><tr><th className="py-2">Fingerprint (SHA-256 of the public key)</th><th>Created</th><th>Status</th><th>Public key</th></tr></thead>
          <tbody>
            {keys.map((k) => (
              <tr key={k.id} className="border-b border-zinc-100 align-top dark:border-zinc-900" data-testid="signing-key-row">
                <td className="py-2 font-mono text-xs break-all">{k.fingerprint}<div className="text-zinc-500">{k.id}</div></td>
                <td>{when(k.createdAt)}</td>
                <td>{k.retiredAt ? `retired ${when(k.retiredAt)}` : <span className="font-medium">active</span>}</td>
                <td><details><summary className="cursor-pointer">PEM</summary><pre className="mt-1 text-[11px]">{k.publicKeyPem}</pre></details></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="mt-4 text-sm text-zinc-600 dark:text-zinc-400">Check a pack&apos;s key with <code className="font-mono text-xs">openssl pkey -pubin -in signing-key.pem -outform DER | sha256sum</code>: it must print one of the fingerprints above.</p>
    </>
  );
}
