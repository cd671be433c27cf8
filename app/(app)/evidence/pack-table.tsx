import type { PackView } from "@/lib/evidence/queries";
import { PackProgress } from "@/app/(app)/evidence/pack-progress";

const size = (bytes: number | null) => (bytes === null ? "—" : bytes > 1_048_576 ? `${(bytes / 1_048_576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);
const when = (iso: string | null) => (iso ? iso.slice(0, 16).replace("T", " ") : "—");

/** Packs with what an auditor checks: status, hashes, the key that signed them, and the download. */
export function PackTable({ packs, caption }: { packs: PackView[]; caption: string }) {
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead className="border-b border-zinc-200 text-xs uppercase text-zinc-500 dark:border-zinc-800">
        <tr><th className="py-2">Pack</th><th>Requested</th><th>Status</th><th>ZIP SHA-256 / manifest SHA-256</th><th>Signing key</th><th>Size</th><th /></tr>
      </thead>
      <tbody>
        {packs.map((p) => (
          <tr key={p.id} className="border-b border-zinc-100 align-top dark:border-zinc-900" data-testid="pack-row">
            <td className="py-2"><code className="text-xs">{p.id}</code>{p.periodStart ? <div className="text-xs text-zinc-500">{when(p.periodStart).slice(0, 10)} → {when(p.periodEnd).slice(0, 10)}</div> : null}</td>
            <td className="text-xs">{when(p.createdAt)}<div className="text-zinc-500">{p.requestedBy ?? "—"}</div></td>
            <td>{p.status === "READY" ? <span className="text-xs">Ready {when(p.readyAt)}</span> : <PackProgress packId={p.id} initial={{ status: p.status, progress: p.progress, error: p.error }} />}</td>
            <td className="max-w-xs break-all font-mono text-[11px]">{p.sha256 ? <><span data-testid="pack-sha256">{p.sha256}</span><div className="text-zinc-500">{p.manifestSha256}</div></> : "—"}</td>
            <td className="max-w-[12rem] break-all font-mono text-[11px]">{p.fingerprint ?? "—"}</td>
            <td>{size(p.bytes)}</td>
            <td>{p.status === "READY" ? <a className="font-medium text-accent underline" href={`/api/v1/evidence/${p.id}/download`} download>Download</a> : null}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
