import type { Metadata } from "next";
import Link from "next/link";
import { requirePage } from "@/lib/auth";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  await requirePage("settings:manage");
  return (
    <>
      <PageHeader title="Settings" description="Workspace connections and access." />
      <ul className="space-y-2 text-sm">
        <li><Link className="font-medium underline" href="/settings/api-keys">API keys</Link> — bearer keys for the REST API and CLI.</li>
        <li><Link className="font-medium underline" href="/settings/signing">Signing keys</Link> — Ed25519 keys that sign evidence packs, with fingerprints and rotation.</li>
        <li><Link className="font-medium underline" href="/settings/ownership">Ownership rules</Link> — who owns identities nobody named: ordered rules by source, kind, name glob and tag, applied on every sync.</li>
        <li><Link className="font-medium underline" href="/settings/people">People</Link> — mark people who left as departed; their identities become orphans to reassign.</li>
      </ul>
    </>
  );
}
