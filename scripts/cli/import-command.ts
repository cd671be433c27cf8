import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type { Command } from "../rollcall";
import { formatNames, type FormatName } from "../../lib/inventory/schema";
import type { RowIssue } from "../../lib/inventory/formats/types";

const usage = `usage: rollcall import --source NAME --format FORMAT [--mode snapshot|upsert] [--workspace SLUG] FILE

  --source     source name; created when missing (kind from the format)
  --format     ${formatNames.join(" | ")} (detected when omitted)
  --mode       snapshot (default): identities missing from the file are marked removed; upsert: keep them
  --workspace  workspace slug (direct database mode, when the database holds several)

Direct mode uses DATABASE_URL. With ROLLCALL_URL and ROLLCALL_API_KEY (scope inventory:write) it uploads
through the API instead. Prints progress and the sync summary; exits 1 when the file is refused.`;

type Summary = { seen: number; added: number; changed: number; removed: number; credentials?: Record<string, number>; entitlements?: Record<string, number>; owners?: Record<string, number>; baseline?: boolean };

function printSummary(s: Summary, syncId: string) {
  console.log(`\nSync ${syncId} applied: ${s.seen} seen, ${s.added} added, ${s.changed} changed, ${s.removed} removed${s.baseline ? " (first load of this source)" : ""}`);
  if (s.credentials) console.log(`  credentials: ${s.credentials.created ?? 0} created, ${s.credentials.rotated ?? 0} rotated, ${s.credentials.removed ?? 0} removed`);
  if (s.entitlements) console.log(`  entitlements: ${s.entitlements.granted ?? 0} granted, ${s.entitlements.removed ?? 0} removed`);
  if (s.owners) console.log(`  owners changed: ${s.owners.changed ?? 0}`);
}

function printErrors(errors: RowIssue[]) {
  console.error(`\nThe file was refused; nothing was applied. ${errors.length} problem${errors.length === 1 ? "" : "s"}:`);
  for (const e of errors) console.error(`  line ${e.line ?? "-"}, ${e.column ?? "-"}: ${e.reason}`);
}

const progressLine = (phase: string, parsed: number, applied: number) => {
  const line = `  ${phase.padEnd(9)} rows parsed ${parsed.toLocaleString("en-US")} · identities applied ${applied.toLocaleString("en-US")}`;
  if (process.stdout.isTTY) process.stdout.write(`\r${line}`);
  else console.log(line);
};

export const importCommand: Command = {
  summary: "import an inventory file into a source (credential report, kubectl export, token list, our CSV/JSON)",
  usage,
  async run(args) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { source: { type: "string" }, format: { type: "string" }, mode: { type: "string", default: "snapshot" }, workspace: { type: "string" } } });
    const file = positionals[0];
    if (!values.source || !file) throw new Error(`--source and FILE are required\n\n${usage}`);
    if (values.format && !(formatNames as readonly string[]).includes(values.format)) throw new Error(`unknown format ${values.format}; use one of ${formatNames.join(", ")}`);
    if (values.mode !== "snapshot" && values.mode !== "upsert") throw new Error("--mode is snapshot or upsert");
    const bytes = new Uint8Array(readFileSync(file));
    const options = { sourceName: values.source, format: values.format as FormatName | undefined, mode: values.mode as "snapshot" | "upsert", fileName: path.basename(file), bytes, workspace: values.workspace };
    if (process.env.ROLLCALL_URL && process.env.ROLLCALL_API_KEY) return viaApi(options, process.env.ROLLCALL_URL, process.env.ROLLCALL_API_KEY);
    if (!process.env.DATABASE_URL) throw new Error("set DATABASE_URL, or ROLLCALL_URL and ROLLCALL_API_KEY");
    return direct(options);
  },
};

type Options = { sourceName: string; format?: FormatName; mode: "snapshot" | "upsert"; fileName: string; bytes: Uint8Array; workspace?: string };

async function direct(o: Options): Promise<number> {
  const { db, disconnectDb } = await import("../../lib/db");
  const { systemActor } = await import("../../lib/authz/actor");
  const { uploadImport } = await import("../../lib/inventory/upload-import");
  const { startImport } = await import("../../lib/inventory/start-import");
  const { runImport } = await import("../../lib/inventory/run-import");
  const { createSource } = await import("../../lib/inventory/create-source");
  const { detectFormat, formats } = await import("../../lib/inventory/formats/registry");
  try {
    const workspaces = await db.workspace.findMany({ where: o.workspace ? { slug: o.workspace } : {}, select: { id: true, slug: true }, take: 2 });
    if (workspaces.length !== 1) throw new Error(o.workspace ? `no workspace ${o.workspace}` : `the database holds several workspaces; pass --workspace (${workspaces.map((w) => w.slug).join(", ")}, …)`);
    const actor = systemActor(workspaces[0]!.id, `cli:${os.userInfo().username}`);
    const format = o.format ?? detectFormat(o.bytes) ?? undefined;
    if (!format) throw new Error("could not tell the file's format; pass --format");
    const source = (await db.source.findFirst({ where: { workspaceId: actor.workspaceId, name: o.sourceName } })) ?? (await createSource(actor, { name: o.sourceName, kind: formats[format].sourceKind }));
    console.log(`Importing ${o.fileName} (${format}, ${(o.bytes.length / 1024).toFixed(0)} KB) into ${source.name}…`);
    const upload = await uploadImport(actor, { sourceId: source.id, format, fileName: o.fileName, bytes: o.bytes, preview: false });
    const sync = await startImport(actor, { sourceId: source.id, uploadId: upload.uploadId!, mode: o.mode }, { enqueueJob: false });
    const outcome = await runImport(sync.id, (p) => progressLine(p.phase, p.rowsParsed, p.rowsApplied));
    if (outcome.status === "FAILED") {
      printErrors(outcome.errors);
      return 1;
    }
    if (outcome.status === "SKIPPED") throw new Error("the sync was claimed by another process");
    printSummary(outcome.summary, sync.id);
    return 0;
  } finally {
    await disconnectDb();
  }
}

async function viaApi(o: Options, baseUrl: string, apiKey: string): Promise<number> {
  const headers = { authorization: `Bearer ${apiKey}` };
  const call = async <T,>(pathname: string, init: RequestInit = {}): Promise<{ status: number; body: T }> => {
    const response = await fetch(new URL(pathname, baseUrl), { ...init, headers: { ...headers, ...(init.headers ?? {}) } });
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
    await new Promise((r) => setTimeout(r, 1000));
  }
}
