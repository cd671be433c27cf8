// The API mode of `rollcall import`: everything through the REST API with an API key, nothing direct.
import type { ImportOptions } from "./import-command";
import { printErrors, printSummary, progressLine, type Summary } from "./import-output";
import type { RowIssue } from "../../lib/inventory/formats/types";

/**
 * `rollcall import --api URL --key rk_…`: finds (or creates) the source, uploads the file with
 * `start=1`, then polls the sync for progress until it SUCCEEDED (summary) or FAILED (errors, exit 1).
 * `fetchImpl` and `pollMs` exist for the test, which answers with the route handlers in-process.
 */
export async function importViaApi(o: ImportOptions, baseUrl: string, apiKey: string, fetchImpl: typeof fetch = fetch, pollMs = 1000): Promise<number> {
  const headers = { authorization: `Bearer ${apiKey}` };
  const call = async <T,>(pathname: string, init: RequestInit = {}): Promise<{ status: number; body: T }> => {
    const response = await fetchImpl(new URL(pathname, baseUrl), { ...init, headers: { ...headers, ...(init.headers ?? {}) } });
    const body = (await response.json().catch(() => ({}))) as T;
    return { status: response.status, body };
  };
  const fail = (status: number, body: unknown) => new Error(`the server answered ${status}: ${(body as { error?: { message?: string } }).error?.message ?? JSON.stringify(body)}`);
  const list = await call<{ sources: { id: string; name: string }[] }>("/api/v1/sources");
  if (list.status !== 200) throw fail(list.status, list.body);
  let source = list.body.sources.find((s) => s.name === o.sourceName);
  if (!source) {
    const { detectFormat, formats } = await import("../../lib/inventory/formats/registry");
    const format = o.format ?? detectFormat(o.bytes);
    const created = await call<{ id: string; name: string }>("/api/v1/sources", { method: "POST", body: JSON.stringify({ name: o.sourceName, kind: format ? formats[format].sourceKind : "GENERIC" }), headers: { "content-type": "application/json" } });
    if (created.status !== 201) throw fail(created.status, created.body);
    source = created.body;
  }
  console.log(`Uploading ${o.fileName} (${(o.bytes.length / 1024).toFixed(0)} KB) to ${baseUrl} into ${source.name}…`);
  const query = new URLSearchParams({ fileName: o.fileName, start: "1", mode: o.mode, ...(o.format ? { format: o.format } : {}) });
  const upload = await call<{ syncId: string | null; preview: { errors: RowIssue[] } | null }>(`/api/v1/sources/${source.id}/imports?${query}`, { method: "POST", body: o.bytes as Uint8Array<ArrayBuffer>, headers: { "content-type": "application/octet-stream" } });
  if (upload.status === 422 && upload.body.preview) {
    printErrors(upload.body.preview.errors);
    return 1;
  }
  if (upload.status !== 201 || !upload.body.syncId) throw fail(upload.status, upload.body);
  for (;;) {
    const sync = await call<Summary & { id: string; status: string; rowsParsed: number; rowsApplied: number; stats: Summary & { phase?: string }; errors: RowIssue[] | null }>(`/api/v1/sources/${source.id}/syncs/${upload.body.syncId}`);
    if (sync.status !== 200) throw fail(sync.status, sync.body);
    progressLine(sync.body.stats.phase ?? sync.body.status.toLowerCase(), sync.body.rowsParsed, sync.body.rowsApplied);
    if (sync.body.status === "SUCCEEDED") {
      printSummary({ ...sync.body, credentials: sync.body.stats.credentials, entitlements: sync.body.stats.entitlements, owners: sync.body.stats.owners, baseline: sync.body.stats.baseline }, sync.body.id);
      return 0;
    }
    if (sync.body.status === "FAILED") {
      printErrors(sync.body.errors ?? []);
      return 1;
    }
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
