import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type { Command } from "../rollcall";
import { formatNames, type FormatName } from "../../lib/inventory/schema";
import { printErrors, printSummary, progressLine } from "./import-output";

const usage = `usage: rollcall import --source NAME --format FORMAT [--mode snapshot|upsert] [--workspace SLUG] [--api URL --key rk_…] FILE

  --source     source name; created when missing (kind from the format)
  --format     ${formatNames.join(" | ")} (detected when omitted)
  --mode       snapshot (default): identities missing from the file are marked removed; upsert: keep them
  --workspace  workspace slug (direct database mode, when the database holds several)
  --api, --key a Rollcall server's URL and an API key with scope inventory:write (and inventory:read):
               upload through the REST API instead of writing to the database
               (or set ROLLCALL_URL and ROLLCALL_API_KEY)

Direct mode uses DATABASE_URL. Prints progress and the sync summary; exits 1 when the file is refused.`;

export const importCommand: Command = {
  summary: "import an inventory file into a source (credential report, kubectl export, token list, our CSV/JSON)",
  usage,
  async run(args) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { source: { type: "string" }, format: { type: "string" }, mode: { type: "string", default: "snapshot" }, workspace: { type: "string" }, api: { type: "string" }, key: { type: "string" } } });
    const file = positionals[0];
    if (!values.source || !file) throw new Error(`--source and FILE are required\n\n${usage}`);
    if (values.format && !(formatNames as readonly string[]).includes(values.format)) throw new Error(`unknown format ${values.format}; use one of ${formatNames.join(", ")}`);
    if (values.mode !== "snapshot" && values.mode !== "upsert") throw new Error("--mode is snapshot or upsert");
    const bytes = new Uint8Array(readFileSync(file));
    const options = { sourceName: values.source, format: values.format as FormatName | undefined, mode: values.mode as "snapshot" | "upsert", fileName: path.basename(file), bytes, workspace: values.workspace };
    const api = values.api ?? process.env.ROLLCALL_URL;
    const key = values.key ?? process.env.ROLLCALL_API_KEY;
    if (api || key) {
      if (!api || !key) throw new Error("API mode needs both --api URL and --key rk_… (or ROLLCALL_URL and ROLLCALL_API_KEY)");
      const { importViaApi } = await import("./import-api-client");
      return importViaApi(options, api, key);
    }
    if (!process.env.DATABASE_URL) throw new Error("set DATABASE_URL, or pass --api URL --key rk_…");
    return direct(options);
  },
};

export type ImportOptions = { sourceName: string; format?: FormatName; mode: "snapshot" | "upsert"; fileName: string; bytes: Uint8Array; workspace?: string };

async function direct(o: ImportOptions): Promise<number> {
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
