// `rollcall ingest --format FMT FILE [--workspace SLUG] [--batch N] [--json]`: ingests an audit-log file
// straight into the database (DATABASE_URL): events stored idempotently, shadow identities discovered,
// baselines updated, triggers fired, review items opened. Unreadable records are counted and shown,
// never fatal. Exit 0 when the file was ingested, 1 on failure, 2 on bad usage.
import { existsSync, readFileSync } from "node:fs";
import { userInfo } from "node:os";
import { db, disconnectDb } from "../../lib/db";
import { systemActor } from "../../lib/authz/actor";
import { eventFormat, eventFormats, type EventFormat } from "../../lib/events/schema";
import { parseFileInWorker } from "../../lib/events/parse-file";
import { startIngestion, type IngestReport } from "../../lib/events/ingest-events";

export const ingestSummary = "ingest an audit-log file (CloudTrail, Kubernetes, GitHub, Okta, Google Cloud, JSON lines)";

export const ingestUsage = `Usage: rollcall ingest --format FORMAT FILE [--workspace SLUG] [--batch N] [--json]

  --format     one of ${eventFormats.join(", ")}
  --workspace  the workspace's slug (needed when the database holds more than one)
  --batch      events per chunk (default 5000); a transaction takes chunks for 60 s, then commits
  --json       print the report as JSON

Writes to the database at DATABASE_URL (files of any size, streamed), or, when ROLLCALL_URL and
ROLLCALL_API_KEY are set, sends the file to POST /api/v1/events (up to 50 MB; key scope events:write).`;
const USAGE = ingestUsage;

async function workspaceId(slug: string | undefined): Promise<string> {
  if (slug) {
    const ws = await db.workspace.findUnique({ where: { slug }, select: { id: true } });
    if (!ws) throw new Error(`No workspace with slug "${slug}".`);
    return ws.id;
  }
  const all = await db.workspace.findMany({ select: { id: true, slug: true }, take: 20 });
  if (all.length === 1) return all[0]!.id;
  throw new Error(all.length ? `Several workspaces; name one with --workspace (${all.map((w) => w.slug).join(", ")}).` : "No workspace yet: run the app once or seed it.");
}

async function ingestFile(file: string, format: EventFormat, wsId: string, batchSize: number): Promise<IngestReport> {
  const actor = systemActor(wsId, `rollcall ingest (${userInfo().username})`);
  const run = startIngestion(actor, format, { batchSize });
  // Parsed on a worker thread (large files line by line) while this one stores and evaluates.
  for await (const batch of parseFileInWorker(file, format, wsId)) await run.addBatch(batch);
  return run.finish();
}

async function ingestOverApi(file: string, format: EventFormat, baseUrl: string, apiKey: string): Promise<IngestReport> {
  const response = await fetch(new URL(`/api/v1/events?format=${encodeURIComponent(format)}`, baseUrl), {
    method: "POST", headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" }, body: readFileSync(file),
  });
  const body = (await response.json().catch(() => null)) as (IngestReport & { error?: { message: string } }) | null;
  if (!response.ok || !body) throw new Error(body?.error?.message ?? `the server answered ${response.status}`);
  return body;
}

/** Exit code: 0 ingested (unreadable records are reported, not fatal), 1 failed, 2 bad usage. */
export async function ingestCommand(argv: string[]): Promise<number> {
  let format: string | undefined;
  let file: string | undefined;
  let slug: string | undefined;
  let batch = 5_000;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--format") format = argv[++i];
    else if (arg === "--workspace") slug = argv[++i];
    else if (arg === "--batch") batch = Number(argv[++i]);
    else if (arg === "--json") json = true;
    else if (arg === "--help" || arg === "-h") {
      console.log(USAGE);
      return 0;
    } else if (!file && !arg.startsWith("--")) file = arg;
    else {
      console.error(`Unexpected argument: ${arg}\n\n${USAGE}`);
      return 2;
    }
  }
  const parsed = eventFormat.safeParse(format);
  if (!parsed.success || !file || !Number.isInteger(batch) || batch < 1) {
    console.error(`${!parsed.success ? `${format ? `Unknown format "${format}"` : "--format is required"}.\n\n` : ""}${USAGE}`);
    return 2;
  }
  if (!existsSync(file)) {
    console.error(`No such file: ${file}`);
    return 2;
  }
  try {
    const started = Date.now();
    const report = process.env.ROLLCALL_URL && process.env.ROLLCALL_API_KEY
      ? await ingestOverApi(file, parsed.data, process.env.ROLLCALL_URL, process.env.ROLLCALL_API_KEY)
      : await ingestFile(file, parsed.data, await workspaceId(slug), batch);
    const seconds = (Date.now() - started) / 1000;
    if (json) console.log(JSON.stringify({ ...report, seconds }, null, 2));
    else {
      console.log(`Ingested ${file} (${report.format}) in ${seconds.toFixed(1)} s:`);
      console.log(`  ${report.records} records: ${report.accepted} accepted, ${report.duplicate} duplicate, ${report.unknown} unknown, ${report.skipped} skipped`);
      console.log(`  ${report.unmatched} from principals not in the inventory; ${report.discovered} shadow identities discovered`);
      console.log(`  ${report.findingsOpened} findings opened; review items: ${report.reviewItemsOpened} opened, ${report.reviewItemsJoined} joined`);
      for (const s of report.unknownSamples) console.log(`  unknown ${s.at}: ${s.reason}`);
    }
    return 0;
  } catch (error) {
    console.error(`Ingest failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await disconnectDb();
  }
}

if (process.argv[1]?.endsWith("ingest.ts")) {
  process.exit(await ingestCommand(process.argv.slice(2)));
}
