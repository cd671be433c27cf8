// Event-ingestion benchmark (issue 4): CloudTrail JSON lines for N identities through the whole path —
// parse → match → discover → store (idempotent insert) → baselines → triggers → findings → review items.
//
//   npx tsx scripts/bench/events.ts            1,000,000 records, 10,000 identities, 30 days
//   npx tsx scripts/bench/events.ts --quick    50,000 records, 1,000 identities
//   options: --events N --identities N --batch N --database-url URL (a migrated database; default: a
//   throwaway embedded PostgreSQL)
//
// The file is generated first (not timed), then ingested the way `rollcall ingest` does (streamed line
// by line); the figure printed is records per second of wall-clock time for the ingest alone.
import { createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { once } from "node:events";
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import pg from "pg";
import { startTestDatabase } from "../test-database";

type Options = { events: number; identities: number; batch: number; databaseUrl?: string };

function parseArgs(argv: string[]): Options {
  const o: Options = { events: 1_000_000, identities: 10_000, batch: 20_000 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--quick") Object.assign(o, { events: 50_000, identities: 1_000 });
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
    const region = late && n % 2000 === 0 ? "ap-southeast-2" : REGIONS[i % REGIONS.length]!;
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
  const { eventFormatSpecs } = await import("../../lib/events/formats/registry");
  const { normalizeText } = await import("../../lib/events/normalize-text");
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

    const spec = eventFormatSpecs.cloudtrail;
    const started = process.hrtime.bigint();
    const run = startIngestion(systemActor(ws.id, "bench"), "cloudtrail", { batchSize: o.batch });
    let lineNo = 0;
    for await (const line of createInterface({ input: createReadStream(file, "utf8"), crlfDelay: Infinity })) {
      lineNo++;
      for (const located of normalizeText(spec, line)) await run.add(located);
    }
    const report = await run.finish();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const stored = await db.activityEvent.count({ where: { workspaceId: ws.id } });
    const rate = Math.round(report.accepted / seconds);
    console.log(`[bench events] ${report.accepted.toLocaleString("en-US")} events stored (${stored.toLocaleString("en-US")} rows), ${report.duplicate} duplicate, ${report.unknown} unknown, ${report.findingsOpened} findings, ${report.reviewItemsOpened} review items`);
    console.log(`[bench events] ${seconds.toFixed(1)} s end to end: ${rate.toLocaleString("en-US")} events/s (goal ≥ 20,000/s)`);
    if (stored !== o.events || lineNo !== o.events) throw new Error(`expected ${o.events} stored events, found ${stored}`);
    await disconnectDb();
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await stopDb();
  }
}

await main();
