const DAY = 86_400_000;
const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : "—");
const age = (d: Date | null) => (d ? `${Math.max(0, Math.floor((Date.now() - d.getTime()) / DAY))} days` : "—");
const th = "py-2 pr-3 font-medium";

type Credential = { id: string; kind: string; externalId: string; status: string; createdAt: Date | null; lastRotatedAt: Date | null; expiresAt: Date | null; lastUsedAt: Date | null };
type Entitlement = { id: string; name: string; resource: string; privileged: boolean; wildcard: boolean; canMint: boolean; grantedAt: Date | null; grantedBy: string | null };
type Change = { id: string; kind: string; occurredAt: Date; detail: unknown; syncId: string | null; actorUserId: string | null };
type Audit = { id: string; seq: number; action: string; actorLabel: string; at: Date };

export function CredentialTable({ credentials }: { credentials: Credential[] }) {
  if (credentials.length === 0) return <p className="text-sm text-zinc-500">No credentials recorded.</p>;
  return (
    <table className="w-full text-left text-sm">
      <thead className="text-xs uppercase text-zinc-500"><tr><th className={th}>Credential</th><th className={th}>Kind</th><th className={th}>Status</th><th className={th}>Age (since rotation)</th><th className={th}>Last used</th><th className={th}>Expires</th></tr></thead>
      <tbody>
        {credentials.map((c) => (
          <tr key={c.id} className="border-t border-zinc-100 dark:border-zinc-800">
            <td className="py-1.5 pr-3"><code className="break-all">{c.externalId}</code></td>
            <td className="pr-3">{c.kind.replaceAll("_", " ").toLowerCase()}</td>
            <td className="pr-3">{c.status.toLowerCase()}</td>
            <td className="pr-3">{age(c.lastRotatedAt ?? c.createdAt)}</td>
            <td className="pr-3">{c.lastUsedAt ? `${day(c.lastUsedAt)} (${age(c.lastUsedAt)} ago)` : "never"}</td>
            <td className="pr-3">{day(c.expiresAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const flag = (text: string, tone: string) => <span className={`mr-1 rounded px-1.5 py-0.5 text-xs font-medium ${tone}`}>{text}</span>;

export function EntitlementTable({ entitlements }: { entitlements: Entitlement[] }) {
  if (entitlements.length === 0) return <p className="text-sm text-zinc-500">No entitlements recorded.</p>;
  return (
    <table className="w-full text-left text-sm">
      <thead className="text-xs uppercase text-zinc-500"><tr><th className={th}>Entitlement</th><th className={th}>Resource</th><th className={th}>Flags</th><th className={th}>Granted</th></tr></thead>
      <tbody>
        {entitlements.map((e) => (
          <tr key={e.id} className="border-t border-zinc-100 dark:border-zinc-800">
            <td className="py-1.5 pr-3 font-medium">{e.name}</td>
            <td className="pr-3"><code className="break-all">{e.resource}</code></td>
            <td className="pr-3">
              {e.privileged ? flag("privileged", "bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900") : null}
              {e.canMint ? flag("can mint credentials", "bg-zinc-200 text-zinc-900 dark:bg-zinc-700 dark:text-zinc-100") : null}
              {e.wildcard ? flag("wildcard", "border border-zinc-400 text-zinc-800 dark:text-zinc-200") : null}
            </td>
            <td className="pr-3">{day(e.grantedAt)}{e.grantedBy ? ` · ${e.grantedBy}` : ""}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function describe(change: Change): string {
  const d = (change.detail ?? {}) as Record<string, unknown>;
  switch (change.kind) {
    case "CREDENTIAL_CREATED":
    case "CREDENTIAL_REMOVED":
      return `${String(d.credential ?? "")}`;
    case "CREDENTIAL_ROTATED":
      return `${String(d.credential ?? "")}: rotated`;
    case "ENTITLEMENT_GRANTED":
    case "ENTITLEMENT_REMOVED":
      return `${String(d.name ?? "")} on ${String(d.resource ?? "")}`;
    case "OWNER_CHANGED":
      return d.orphaned ? "owner left: identity orphaned" : `via ${String(d.via ?? "")}${d.reason ? ` — ${String(d.reason)}` : ""}`;
    default:
      return d.reappeared ? "seen again after removal" : "";
  }
}

export function HistoryList({ changes, audit }: { changes: Change[]; audit: Audit[] }) {
  if (changes.length === 0 && audit.length === 0) return <p className="text-sm text-zinc-500">No changes since it was first imported.</p>;
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <div>
        <h3 className="mb-1 text-sm font-medium">Changes seen</h3>
        <ul className="space-y-1 text-sm">
          {changes.map((c) => (
            <li key={c.id}><span className="text-zinc-500">{day(c.occurredAt)}</span> <code>{c.kind.toLowerCase().replaceAll("_", " ")}</code> {describe(c)}</li>
          ))}
          {changes.length === 0 ? <li className="text-zinc-500">None.</li> : null}
        </ul>
      </div>
      <div>
        <h3 className="mb-1 text-sm font-medium">Audit log</h3>
        <ul className="space-y-1 text-sm" data-testid="identity-audit">
          {audit.map((a) => (
            <li key={a.id}><span className="text-zinc-500">#{a.seq} {day(a.at)}</span> <code>{a.action}</code> by {a.actorLabel}</li>
          ))}
          {audit.length === 0 ? <li className="text-zinc-500">None.</li> : null}
        </ul>
      </div>
    </div>
  );
}
