"use client";

import { useEffect, useRef, useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import type { ImportPreview } from "@/lib/inventory/import-preview";
import type { RowIssue } from "@/lib/inventory/formats/types";

type FormatOption = { name: string; label: string; produce: string };
type Upload = { uploadId: string | null; format: string; sha256: string; size: number; preview: ImportPreview | null };
type Sync = { id: string; status: "QUEUED" | "RUNNING" | "SUCCEEDED" | "FAILED"; rowsParsed: number; rowsApplied: number; seen: number; added: number; changed: number; removed: number; stats: { phase?: string; credentials?: Record<string, number>; entitlements?: Record<string, number>; owners?: Record<string, number>; baseline?: boolean; lastError?: string }; errors: RowIssue[] | null };

const field = "mt-1 rounded-md border border-zinc-300 bg-white px-2 py-1.5 dark:border-zinc-700 dark:bg-zinc-950";

function Issues({ issues, title }: { issues: RowIssue[]; title: string }) {
  return (
    <div role="alert" className="mt-3 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-950 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
      <p className="font-medium">{title}</p>
      <table className="mt-2 w-full text-left" aria-label="Errors">
        <thead><tr><th className="pr-3">Line</th><th className="pr-3">Column</th><th>Reason</th></tr></thead>
        <tbody>{issues.map((e, i) => <tr key={i}><td className="pr-3 align-top">{e.line ?? "—"}</td><td className="pr-3 align-top"><code>{e.column ?? "—"}</code></td><td>{e.reason}</td></tr>)}</tbody>
      </table>
    </div>
  );
}

async function readError(response: Response): Promise<string> {
  const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
  return body?.error?.message ?? `The server answered ${response.status}.`;
}

/** Upload → preview (first rows or every error) → import job with a progress bar → sync summary. */
export function UploadDialog({ sourceId, sourceName, formats, openAtStart }: { sourceId: string; sourceName: string; formats: FormatOption[]; openAtStart: boolean }) {
  const router = useRouter();
  const [open, setOpen] = useState(openAtStart);
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState("");
  const [keepMissing, setKeepMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [upload, setUpload] = useState<Upload | null>(null);
  const [sync, setSync] = useState<Sync | null>(null);
  const [dragging, setDragging] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (open) heading.current?.focus();
  }, [open]);

  useEffect(() => {
    if (!sync || sync.status === "SUCCEEDED" || sync.status === "FAILED") return;
    const timer = setTimeout(async () => {
      const response = await fetch(`/api/v1/sources/${sourceId}/syncs/${sync.id}`, { cache: "no-store" });
      if (response.ok) {
        const next = (await response.json()) as Sync;
        setSync(next);
        if (next.status === "SUCCEEDED") router.refresh();
      }
    }, 500);
    return () => clearTimeout(timer);
  }, [sync, sourceId, router]);

  function reset() {
    setFile(null);
    setUpload(null);
    setSync(null);
    setError(null);
  }

  async function preview() {
    if (!file) return setError("Choose a file first.");
    setBusy(true);
    setError(null);
    const query = new URLSearchParams({ fileName: file.name, ...(format ? { format } : {}) });
    const response = await fetch(`/api/v1/sources/${sourceId}/imports?${query}`, { method: "POST", body: file, headers: { "content-type": "application/octet-stream" } });
    setBusy(false);
    if (response.status === 201 || response.status === 422) {
      const body = (await response.json()) as Upload & { error?: { message: string } };
      if (body.error) return setError(body.error.message);
      setUpload(body);
      setFormat(body.format);
      return;
    }
    setError(await readError(response));
  }

  async function start() {
    if (!upload?.uploadId) return;
    setBusy(true);
    const response = await fetch(`/api/v1/sources/${sourceId}/imports/${upload.uploadId}/start`, { method: "POST", body: JSON.stringify({ mode: keepMissing ? "upsert" : "snapshot" }), headers: { "content-type": "application/json" } });
    setBusy(false);
    if (!response.ok) return setError(await readError(response));
    const { syncId } = (await response.json()) as { syncId: string };
    setSync({ id: syncId, status: "QUEUED", rowsParsed: 0, rowsApplied: 0, seen: 0, added: 0, changed: 0, removed: 0, stats: {}, errors: null });
  }

  if (!open) return <button type="button" onClick={() => setOpen(true)} className="rounded-md bg-accent px-3 py-1.5 text-sm font-medium text-accent-fg">Import a file</button>;
  const total = sync ? Math.max(sync.rowsParsed, upload?.preview?.identities ?? 0, 1) : 1;
  const percent = sync ? (sync.status === "SUCCEEDED" ? 100 : Math.min(99, Math.round((sync.rowsApplied / total) * 100))) : 0;
  const chosen = formats.find((f) => f.name === format);
  return (
    <section role="dialog" aria-modal="false" aria-labelledby="upload-title" className="mb-6 rounded-lg border border-zinc-300 bg-white p-4 shadow-sm dark:border-zinc-700 dark:bg-zinc-900">
      <div className="flex items-start justify-between">
        <h2 id="upload-title" ref={heading} tabIndex={-1} className="font-medium">Import a file into {sourceName}</h2>
        <button type="button" onClick={() => { reset(); setOpen(false); }} className="text-sm underline">Close</button>
      </div>
      {!upload ? (
        <div className="mt-3 space-y-3 text-sm">
          <label
            htmlFor="upload-file"
            onDragOver={(e) => { e.preventDefault(); setDragging(true); }}
            onDragLeave={() => setDragging(false)}
            onDrop={(e) => { e.preventDefault(); setDragging(false); setFile(e.dataTransfer.files[0] ?? null); }}
            className={`block cursor-pointer rounded-md border-2 border-dashed p-6 text-center ${dragging ? "border-accent bg-zinc-50 dark:bg-zinc-800" : "border-zinc-300 dark:border-zinc-700"}`}
          >
            <span className="font-medium">{file ? `${file.name} (${(file.size / 1024).toFixed(0)} KB)` : "Drop a file here, or click to choose"}</span>
            <input id="upload-file" type="file" aria-label="Inventory file" className="sr-only" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          </label>
          <div>
            <label htmlFor="upload-format" className="block font-medium">Format</label>
            <select id="upload-format" value={format} onChange={(e) => setFormat(e.target.value)} className={field}>
              <option value="">Detect automatically</option>
              {formats.map((f) => <option key={f.name} value={f.name}>{f.label}</option>)}
            </select>
            {chosen ? <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">Produce it with: <code>{chosen.produce}</code></p> : null}
          </div>
          <button type="button" disabled={busy || !file} onClick={preview} className="rounded-md bg-accent px-3 py-1.5 font-medium text-accent-fg disabled:opacity-60">{busy ? "Reading…" : "Upload and preview"}</button>
        </div>
      ) : null}
      {upload?.preview && !upload.preview.ok ? (
        <>
          <Issues issues={upload.preview.errors} title={`This file cannot be imported: ${upload.preview.errors.length} problem${upload.preview.errors.length === 1 ? "" : "s"}. Nothing was stored or changed.`} />
          <button type="button" onClick={reset} className="mt-3 rounded-md border border-zinc-300 px-3 py-1.5 text-sm dark:border-zinc-700">Choose another file</button>
        </>
      ) : null}
      {upload?.uploadId && !sync ? (
        <div className="mt-3 text-sm">
          <p>{upload.format} · {(upload.size / 1024).toFixed(0)} KB · sha256 <code>{upload.sha256.slice(0, 16)}…</code>{upload.preview ? ` · ${upload.preview.identities} identities in ${upload.preview.rows} rows` : ""}</p>
          {upload.preview ? (
            <table className="mt-2 w-full text-left" aria-label="Preview of the first rows">
              <thead className="text-xs uppercase text-zinc-500"><tr><th className="py-1">Line</th><th>Name</th><th>Kind</th><th>Status</th><th>Env</th><th>Owner</th><th>Credentials</th><th>Entitlements</th></tr></thead>
              <tbody>
                {upload.preview.sample.map((r) => (
                  <tr key={r.externalId} className="border-t border-zinc-100 dark:border-zinc-800">
                    <td className="py-1">{r.line ?? "—"}</td><td>{r.name}{r.privileged ? " (privileged)" : ""}</td><td>{r.kind.toLowerCase()}</td><td>{r.status.toLowerCase()}</td><td>{r.environment ?? "—"}</td><td>{r.owner ?? "—"}</td><td>{r.credentials}</td><td>{r.entitlements}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : <p className="mt-2 text-zinc-600">Large file: it is checked in full by the import job.</p>}
          {upload.preview?.warnings.length ? <p className="mt-2 text-amber-900 dark:text-amber-200">{upload.preview.warnings.length} warning(s): {upload.preview.warnings.slice(0, 3).map((w) => `${w.column ?? ""} ${w.reason}`).join("; ")}</p> : null}
          <label className="mt-3 flex items-center gap-2"><input type="checkbox" checked={keepMissing} onChange={(e) => setKeepMissing(e.target.checked)} /> Only add and update: keep identities that are missing from this file</label>
          <div className="mt-3 flex gap-2">
            <button type="button" disabled={busy} onClick={start} className="rounded-md bg-accent px-3 py-1.5 font-medium text-accent-fg disabled:opacity-60">Import</button>
            <button type="button" onClick={reset} className="rounded-md border border-zinc-300 px-3 py-1.5 dark:border-zinc-700">Cancel</button>
          </div>
        </div>
      ) : null}
      {sync ? (
        <div className="mt-3 text-sm">
          <p id="progress-label">{sync.status === "SUCCEEDED" ? "Import finished" : sync.status === "FAILED" ? "Import refused" : sync.stats.phase === "applying" ? `Applying… ${sync.rowsApplied.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} identities staged` : sync.status === "QUEUED" ? "Waiting for the import job…" : "Reading the file…"}</p>
          <div role="progressbar" aria-labelledby="progress-label" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} className="mt-1 h-2 w-full overflow-hidden rounded bg-zinc-200 dark:bg-zinc-800">
            <div className="h-2 bg-accent transition-all" style={{ width: `${percent}%` }} />
          </div>
          {sync.stats.lastError ? <p className="mt-1 text-amber-900 dark:text-amber-200">Retrying after an error: {sync.stats.lastError}</p> : null}
          {sync.status === "SUCCEEDED" ? (
            <div role="status" className="mt-3 rounded-md bg-emerald-50 p-3 text-emerald-950 dark:bg-emerald-950 dark:text-emerald-100" data-testid="sync-summary">
              <p className="font-medium">{sync.seen} seen · {sync.added} added · {sync.changed} changed · {sync.removed} removed{sync.stats.baseline ? " (first load of this source)" : ""}</p>
              <p>Credentials: {sync.stats.credentials?.created ?? 0} created, {sync.stats.credentials?.rotated ?? 0} rotated, {sync.stats.credentials?.removed ?? 0} removed · Entitlements: {sync.stats.entitlements?.granted ?? 0} granted, {sync.stats.entitlements?.removed ?? 0} removed · Owners changed: {sync.stats.owners?.changed ?? 0}</p>
              <p className="mt-1"><Link className="underline" href={`/inventory?source=${sourceId}`}>See these identities in the inventory</Link></p>
            </div>
          ) : null}
          {sync.status === "FAILED" && sync.errors ? <Issues issues={sync.errors} title="The import was refused; nothing was applied." /> : null}
        </div>
      ) : null}
      {error ? <p role="alert" className="mt-3 text-sm text-red-700 dark:text-red-400">{error}</p> : null}
    </section>
  );
}
