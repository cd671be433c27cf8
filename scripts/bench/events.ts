// Event-ingestion benchmark (issue 4): CloudTrail JSON lines for N identities through the whole path —
// parse → match → discover → store (idempotent insert) → baselines → triggers → findings → review items.
//
//   npx tsx scripts/bench/events.ts            1,000,000 records, 10,000 identities, 30 days
//   npx tsx scripts/bench/events.ts --quick    10,000 records, 100 identities, batches of 2,500 (1/100, same code paths)
//   options: --events N --identities N --batch N --database-url URL (a migrated database; default: a
//   throwaway embedded PostgreSQL)
//
// The file is generated first (not timed), then ingested the way `rollcall ingest` does (parsed on a
// worker thread, line by line); the figure printed is records per second of wall-clock time for the
// ingest alone, and the CPU time includes the worker thread's.
import { createWriteStream, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { once } from "node:events";
import pg from "pg";
import { startTestDatabase } from "../test-database";
import { reportFigure } from "./report";

type Options = { events: number; identities: number; batch: number; databaseUrl?: string };

function parseArgs(argv: string[]): Options {
  // Chunks of the ingestion's own default size (5,000), as `rollcall ingest` uses.
  const o: Options = { events: 1_000_000, identities: 10_000, batch: 5_000 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--quick") Object.assign(o, { events: 10_000, identities: 100, batch: 2_500 });
    else if (a === "--events") o.events = Number(argv[++i]);
    else if (a === "--identities") o.identities = Number(argv[++i]);
    else if (a === "--batch") o.batch = Number(argv[++i]);
    else if (a === "--database-url") o.databaseUrl = argv[++i];
    else if (a !== "events") throw new Error(`Unknown argument ${a}`);
  }
  return o;
}

const ACCOUNT = "111122223333";
const REGIONS = ["us-east-1", "us-east-1", "us-east-1", "eu-west-1"];
const CALLS = [["s3.amazonaws.com", "GetObject"], ["s3.amazonaws.com", "PutObject"], ["dynamodb.amazonaws.com", "Query"], ["sqs.amazonaws.com", "ReceiveMessage"], ["sts.amazonaws.com", "AssumeRole"], ["ec2.amazonaws.com", "DescribeInstances"]] as const;
const key = (i: number) => `AKIA${String(i).padStart(16, "0")}`;
const arn = (i: number) => `arn:aws:iam::${ACCOUNT}:user/bench-svc-${i}`;

/** Deterministic CloudTrail lines in time order over 30 days; in the last 3 days, 1 call in 2,000 comes from a new region. */
async function writeFile(file: string, o: Options): Promise<void> {
  const out = createWriteStream(file);
  const start = Date.now() - 31 * 86_400_000;
  const span = 30 * 86_400_000;
  let seed = 42;
  // mulberry32: deterministic and evenly spread, so every run ingests the same file.
  const rand = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let n = 0; n < o.events; n++) {
    const i = Math.floor(rand() * o.identities);
    const t = new Date(start + Math.floor((n / o.events) * span));
    const late = n > o.events * 0.9;
    const region = late && n % 2000 === 1999 ? "ap-southeast-2" : REGIONS[i % REGIONS.length]!;
    const [source, name] = CALLS[(n + i) % CALLS.length]!;
    const line = JSON.stringify({
      eventVersion: "1.08",
      userIdentity: { type: "IAMUser", principalId: `AIDA${i}`, arn: arn(i), accountId: ACCOUNT, accessKeyId: key(i), userName: `bench-svc-${i}` },
      eventTime: t.toISOString().replace(/\.\d{3}Z$/, "Z"), eventSource: source, eventName: name, awsRegion: region,
      sourceIPAddress: `198.51.${100 + (i % 50)}.${10 + (n % 200)}`, userAgent: "Boto3/1.34.2 md/Botocore#1.34.2 ua/2.0 os/linux#6.1 md/arch#x86_64 lang/python#3.12.1",
      requestParameters: name === "AssumeRole" ? { roleArn: `arn:aws:iam::${ACCOUNT}:role/deploy`, roleSessionName: `s-${n}` } : { bucketName: `bench-bucket-${i % 100}`, key: `objects/${n}` },
      responseElements: null, requestID: `req-${n}`, eventID: `bench-${n}`, readOnly: true, eventType: "AwsApiCall", managementEvent: false, recipientAccountId: ACCOUNT, eventCategory: "Data",
    });
    if (!out.write(`${line}\n`)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
}

/**
 * CPU seconds PostgreSQL has used so far (Linux /proc): its live processes plus the children the
 * postmaster has reaped (finished backends). With the machine shared, CPU time says what the ingest
 * costs where wall-clock time says how long it waited for a core. null when /proc is not readable.
 */
function pgCpuSeconds(dataDir: string): number | null {
  try {
    const hz = 100;
    const postmaster = Number(readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
    const fields = (pid: number | string) => readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /, "").split(" ");
    const own = fields(postmaster);
    let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
    for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
      try {
        const f = fields(pid);
        if (Number(f[1]) === postmaster) ticks += Number(f[11]) + Number(f[12]);
      } catch {
        // gone meanwhile
      }
    }
    return ticks / hz;
  } catch {
    return null;
  }
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  let stopDb = async () => {};
  if (o.databaseUrl) process.env.DATABASE_URL = o.databaseUrl;
  else {
    delete process.env.DATABASE_URL;
    const server = await startTestDatabase();
    process.env.DATABASE_URL = await server.createDatabase("rollcall_bench_events");
    stopDb = () => server.stop();
  }
  // Imported after DATABASE_URL is set: the client reads it on first use.
  const { db, disconnectDb } = await import("../../lib/db");
  const { systemActor } = await import("../../lib/authz/actor");
  const { startIngestion } = await import("../../lib/events/ingest-events");
  const { parseFileInWorker } = await import("../../lib/events/parse-file");
  const { createWorkspace, createUser, createSource } = await import("../../prisma/factories");

  const dir = mkdtempSync(path.join(tmpdir(), "rollcall-bench-events-"));
  const file = path.join(dir, "cloudtrail.jsonl");
  try {
    console.log(`[bench events] generating ${o.events.toLocaleString("en-US")} CloudTrail records for ${o.identities.toLocaleString("en-US")} identities…`);
    await writeFile(file, o);
    const ws = await createWorkspace(db, { name: "Bench", slug: `bench-${Date.now()}` });
    const owner = await createUser(db, ws.id, { name: "Bench Owner" });
    const source = await createSource(db, ws.id, { name: "aws-bench", kind: "AWS" });
    const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
    const ids = Array.from({ length: o.identities }, (_, i) => i);
    await pool.query(
      `WITH i AS (INSERT INTO "Identity" ("workspaceId", "sourceId", kind, "externalId", name, "ownerId", environment, "lastUsedAt")
         SELECT $1, $2, 'SERVICE_ACCOUNT', u.arn, u.name, $3, 'prod', now() - interval '32 days' FROM unnest($4::text[], $5::text[]) AS u(arn, name) RETURNING id, "externalId")
       INSERT INTO "Credential" ("workspaceId", "identityId", "externalId", kind, status, "createdAt")
       SELECT $1, i.id, 'AKIA' || lpad(substring(i."externalId" from 'bench-svc-([0-9]+)$'), 16, '0'), 'ACCESS_KEY', 'ACTIVE', now() - interval '40 days' FROM i`,
      [ws.id, source.id, owner.id, ids.map(arn), ids.map((i) => `bench-svc-${i}`)],
    );
    await pool.end();
    console.log(`[bench events] ${(statSync(file).size / 1e6).toFixed(0)} MB file; ingesting with batches of ${o.batch.toLocaleString("en-US")}…`);

    const dataDir = (await db.$queryRawUnsafe<{ data_directory: string }[]>("SHOW data_directory").catch(() => []))[0]?.data_directory;
    const pgBefore = dataDir ? pgCpuSeconds(dataDir) : null;
    const cpuBefore = process.cpuUsage();
    const started = process.hrtime.bigint();
    const timings: Record<string, number> = {};
    const run = startIngestion(systemActor(ws.id, "bench"), "cloudtrail", { batchSize: o.batch, timings });
    for await (const batch of parseFileInWorker(file, "cloudtrail", ws.id)) await run.addBatch(batch);
    const report = await run.finish();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const cpu = process.cpuUsage(cpuBefore);
    const nodeCpu = (cpu.user + cpu.system) / 1e6;
    const pgAfter = dataDir ? pgCpuSeconds(dataDir) : null;
    const pgCpu = pgBefore !== null && pgAfter !== null ? pgAfter - pgBefore : null;
    const stored = await db.activityEvent.count({ where: { workspaceId: ws.id } });
    const rate = Math.round(report.accepted / seconds);
    console.log(`[bench events] ${report.accepted.toLocaleString("en-US")} events stored (${stored.toLocaleString("en-US")} rows), ${report.duplicate} duplicate, ${report.unknown} unknown, ${report.findingsOpened} findings, ${report.reviewItemsOpened} review items`);
    console.log(`[bench events] ${seconds.toFixed(1)} s end to end: ${rate.toLocaleString("en-US")} events/s (goal ≥ 20,000/s)`);
    reportFigure({
      bench: "events", measure: `CloudTrail ingest end to end (${o.events.toLocaleString("en-US")} records, ${o.identities.toLocaleString("en-US")} identities)`, value: rate, unit: "events/s",
      goal: "≥ 20,000 events/s", met: rate >= 20_000,
      detail: `${seconds.toFixed(1)} s, batches of ${o.batch.toLocaleString("en-US")}, ${report.findingsOpened} findings; CPU Node ${nodeCpu.toFixed(0)} s${pgCpu !== null ? ` + PostgreSQL ${pgCpu.toFixed(0)} s` : ""}; load ${loadavg()[0]!.toFixed(1)}`,
    });
    console.log(`[bench events] CPU: Node ${nodeCpu.toFixed(1)} s${pgCpu !== null ? `, PostgreSQL ${pgCpu.toFixed(1)} s` : ""} (${Math.round(report.accepted / nodeCpu).toLocaleString("en-US")} events per Node CPU-second${pgCpu ? `, ${Math.round(report.accepted / pgCpu).toLocaleString("en-US")} per PostgreSQL CPU-second` : ""}); load average ${loadavg().map((l) => l.toFixed(1)).join(" ")}`);
    console.log(`[bench events] time per stage (s, database stages overlap with parsing): ${Object.entries(timings).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)}`).join(", ")}`);
    if (stored !== o.events || report.records !== o.events) throw new Error(`expected ${o.events} stored events, found ${stored}`);
    await disconnectDb();
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await stopDb();
  }
}

await main();
