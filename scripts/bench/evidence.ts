// `npx tsx scripts/bench/evidence.ts [--quick] [--items N] [--keep]` (wired as `npm run bench -- evidence`):
// seeds a closed campaign of 250,000 items (decisions, remediation, findings, one audit event per
// decision) in a scratch database, builds its evidence pack in a child process (its peak RSS is the
// pack build's alone), and in the same run times `COPY (…) TO STDOUT` of the same rows zipped with the
// same ZIP library. Goals: pack time ≤ 2.0× the COPY+zip baseline; peak RSS ≤ 512 MB. --quick: 2,500
// items, same code paths. --profile prints the time per pack file. Figures go through reportFigure().
import { spawnSync } from "node:child_process";
import { createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { createRequire } from "node:module";
import pg from "pg";
import copyStreams from "pg-copy-streams";
import yazl from "yazl";
import { startTestDatabase } from "../test-database";
import { GENESIS_HASH, chainHash } from "../../lib/audit/chain";
import { canonicalJson } from "../../lib/audit/canonical-json";
import { reportFigure } from "./report";

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };

if (flag("--build")) {
  // Child mode: build one pack and report time and this process's peak RSS.
  const { buildEvidencePack } = await import("../../lib/evidence/build-pack");
  const { db, disconnectDb } = await import("../../lib/db");
  // Like the baseline's connected client (and a running worker's warm pool): connect before the clock starts.
  await db.$queryRaw`SELECT 1`;
  const started = performance.now();
  let last = started;
  const built = await buildEvidencePack(option("--build")!, async (percent) => {
    if (flag("--profile")) console.error(`  ${String(percent).padStart(3)}%  +${Math.round(performance.now() - last)} ms  rss ${Math.round(process.memoryUsage().rss / 1_048_576)} MB heap ${Math.round(process.memoryUsage().heapUsed / 1_048_576)} MB`);
    last = performance.now();
  });
  const ms = performance.now() - started;
  await disconnectDb();
  console.log(JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024, bytes: built.bytes, items: built.items }));
  process.exit(0);
}

const ITEMS = Number(option("--items") ?? (flag("--quick") ? 2_500 : 250_000));
const REVIEWERS = 200;
const secret = "bench-secret-bench-secret-bench-secret";

// --database-url: an empty, migrated database to seed (kept afterwards, for profiling); otherwise a scratch one.
const given = option("--database-url");
const server = given ? { stop: async () => {} } : await startTestDatabase();
const url = given ?? await (server as Awaited<ReturnType<typeof startTestDatabase>>).createDatabase("rollcall_bench_evidence");
process.env.DATABASE_URL = url;
process.env.AUTH_SECRET = secret;
const dataDir = mkdtempSync(path.join(tmpdir(), "rollcall-bench-evidence-"));
process.env.ROLLCALL_DATA_DIR = dataDir;
const client = new pg.Client({ connectionString: url });
await client.connect();

try {
  const t0 = performance.now();
  const { db, disconnectDb } = await import("../../lib/db");
  const f = await import("../../prisma/factories");
  const ws = await f.createWorkspace(db, { name: "Bench Co" });
  const cm = await f.createUser(db, ws.id, { role: "COMPLIANCE_MANAGER" });
  const reviewers: string[] = [];
  for (let i = 0; i < REVIEWERS; i++) reviewers.push((await f.createUser(db, ws.id, { name: `Reviewer ${i}` })).id);
  const source = await f.createSource(db, ws.id, { name: "aws-bench", kind: "AWS" });
  const campaign = await f.createCampaign(db, ws.id, { name: "Bench campaign", status: "ACTIVE", createdById: cm.id });
  await disconnectDb();
  const q = (text: string, values: unknown[] = []) => client.query(text, values);
  await q(`INSERT INTO "Identity" ("workspaceId", "sourceId", kind, "externalId", name, environment, "ownerId", privileged, "lastUsedAt", "blastRadius")
    SELECT $1, $2, (ARRAY['SERVICE_ACCOUNT','API_KEY','TOKEN','WORKLOAD'])[1 + g % 4]::"IdentityKind", 'arn:aws:iam::123456789012:user/bench-' || g, 'bench-svc-' || g,
           (ARRAY['prod','staging','dev'])[1 + g % 3], ($3::text[])[1 + g % $4], g % 10 = 0, now() - (g % 200) * interval '1 day', g % 90
    FROM generate_series(1, $5) g`, [ws.id, source.id, reviewers, REVIEWERS, ITEMS]);
  await q(`INSERT INTO "ReviewItem" ("workspaceId", "campaignId", "identityId", "reviewerId", snapshot, reasons, "dueAt", status)
    SELECT i."workspaceId", $2, i.id, i."ownerId", jsonb_build_object(
      'takenAt', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      'identity', jsonb_build_object('id', i.id, 'externalId', i."externalId", 'name', i.name, 'kind', i.kind, 'environment', i.environment, 'status', i.status,
                   'privileged', i.privileged, 'blastRadius', i."blastRadius", 'ownerId', i."ownerId", 'lastUsedAt', to_char(i."lastUsedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'sourceId', i."sourceId"),
      'credentials', jsonb_build_array(jsonb_build_object('id', 'crd_' || md5(i.id), 'externalId', 'AKIA' || upper(left(md5(i.id), 16)), 'kind', 'ACCESS_KEY', 'status', 'ACTIVE',
                   'createdAt', '2026-01-01T00:00:00.000Z', 'lastUsedAt', null, 'expiresAt', null)),
      'entitlements', jsonb_build_array(
        jsonb_build_object('id', 'ent_' || md5(i.id || 'a'), 'name', 's3-read', 'resource', 'arn:aws:s3:::logs/*', 'privileged', false, 'canMint', false),
        jsonb_build_object('id', 'ent_' || md5(i.id || 'b'), 'name', CASE WHEN i.privileged THEN 'AdministratorAccess' ELSE 'ecr-push' END, 'resource', '*', 'privileged', i.privileged, 'canMint', false))),
      '[{"kind":"SCHEDULED","sentence":"Quarterly review"}]'::jsonb, now() + interval '14 days', 'DECIDED'
    FROM "Identity" i WHERE i."workspaceId" = $1`, [ws.id, campaign.id]);
  await q(`INSERT INTO "Decision" ("workspaceId", "itemId", "deciderId", kind, channel, justification, "exceptionUntil", "secondsToDecide", "batchSize", "batchId", "decidedAt")
    SELECT x."workspaceId", x.id, x."reviewerId", x.k, 'WEB', CASE WHEN x.k <> 'ATTEST' THEN 'Bench justification for ' || x.k END,
           CASE WHEN x.k = 'EXCEPTION' THEN now() + interval '30 days' END, 5 + x.h % 120, CASE WHEN x.h % 20 = 0 THEN 10 END, CASE WHEN x.h % 20 = 0 THEN 'bat_' || (x.h % 1000) END, now() - interval '1 day'
    FROM (SELECT ri.*, abs(hashtext(ri.id)) AS h, (CASE WHEN abs(hashtext(ri.id)) % 100 < 85 THEN 'ATTEST' WHEN abs(hashtext(ri.id)) % 100 < 93 THEN 'REVOKE'
           WHEN abs(hashtext(ri.id)) % 100 < 96 THEN 'REDUCE' ELSE 'EXCEPTION' END)::"DecisionKind" AS k FROM "ReviewItem" ri WHERE ri."campaignId" = $1) x`, [campaign.id]);
  await q(`INSERT INTO "RemediationTask" ("workspaceId", "decisionId", "identityId", action, status, "dueAt", "executedAt", "verifiedAt", "verifiedHow")
    SELECT d."workspaceId", d.id, ri."identityId", d.kind::text, 'VERIFIED', d."decidedAt" + interval '7 days', d."decidedAt" + interval '1 hour', d."decidedAt" + interval '1 day', 'next sync shows the credential removed'
    FROM "Decision" d JOIN "ReviewItem" ri ON ri.id = d."itemId" WHERE ri."campaignId" = $1 AND d.kind IN ('REVOKE', 'REDUCE')`, [campaign.id]);
  await q(`INSERT INTO "Finding" ("workspaceId", kind, "identityId", severity, sentence, "reviewItemId", status, "eventIds")
    SELECT ri."workspaceId", 'DORMANT', ri."identityId", 'MEDIUM', (ri.snapshot->'identity'->>'name') || ' has not been used for 120 days (policy: 90).', ri.id, 'RESOLVED', ARRAY['evt_' || md5(ri.id)]
    FROM "ReviewItem" ri WHERE ri."campaignId" = $1 AND abs(hashtext(ri.id || 'f')) % 20 = 0`, [campaign.id]);
  // One hash-chained audit event per decision, written in pages.
  const seqStart = Number((await q(`SELECT coalesce(max(seq), 0) AS s FROM "AuditEvent" WHERE "workspaceId" = $1`, [ws.id])).rows[0].s);
  let prevHash = seqStart ? String((await q(`SELECT hash FROM "AuditEvent" WHERE "workspaceId" = $1 AND seq = $2`, [ws.id, seqStart])).rows[0].hash) : GENESIS_HASH;
  let seq = seqStart;
  const items = (await q(`SELECT ri.id, ri."reviewerId", d.kind::text AS kind FROM "ReviewItem" ri JOIN "Decision" d ON d."itemId" = ri.id WHERE ri."campaignId" = $1 ORDER BY ri.id`, [campaign.id])).rows as { id: string; reviewerId: string; kind: string }[];
  const at = Date.now() - 3_600_000;
  for (let page = 0; page < items.length; page += 10_000) {
    const cols: unknown[][] = Array.from({ length: 11 }, () => []);
    for (const it of items.slice(page, page + 10_000)) {
      seq++;
      const fields = { workspaceId: ws.id, seq, actorType: "USER", actorId: it.reviewerId, actorLabel: `${it.reviewerId}@bench.test`, action: "review.decided", subjectType: "ReviewItem", subjectId: it.id, data: { decision: it.kind, via: "WEB" }, at: new Date(at + seq), prevHash };
      const hash = chainHash(fields);
      [ws.id, seq, fields.actorId, fields.actorLabel, fields.action, fields.subjectType, fields.subjectId, canonicalJson(fields.data), fields.at.toISOString(), prevHash, hash].forEach((v, i) => cols[i]!.push(v));
      prevHash = hash;
    }
    await q(`INSERT INTO "AuditEvent" ("workspaceId", seq, "actorType", "actorId", "actorLabel", action, "subjectType", "subjectId", data, at, "prevHash", hash)
      SELECT w, s, 'USER', a, l, act, st, sid, dt, t AT TIME ZONE 'UTC', p, h FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::jsonb[], $9::timestamptz[], $10::text[], $11::text[])
      AS u(w, s, a, l, act, st, sid, dt, t, p, h)`, cols);
  }
  await q(`UPDATE "Campaign" SET status = 'CLOSED', "closedAt" = now(), "signedOffById" = $2, "signedOffAt" = now(), "signOffStatement" = 'Bench sign-off' WHERE id = $1`, [campaign.id, cm.id]);
  await q(`UPDATE "Campaign" SET "createdAt" = now() - interval '2 hours' WHERE id = $1`, [campaign.id]);
  await q("VACUUM ANALYZE");
  const seedSeconds = (performance.now() - t0) / 1000;
  const packId = String((await q(`INSERT INTO "EvidencePack" ("workspaceId", "campaignId", status) VALUES ($1, $2, 'BUILDING') RETURNING id`, [ws.id, campaign.id])).rows[0].id);

  // 1. The pack, built in a child process so its peak RSS is measured alone.
  const tsx = createRequire(import.meta.url).resolve("tsx/cli");
  const child = spawnSync(process.execPath, [tsx, "scripts/bench/evidence.ts", "--build", packId, ...(flag("--profile") ? ["--profile"] : [])], { env: process.env, encoding: "utf8", maxBuffer: 10_000_000 });
  if (flag("--profile")) console.error(child.stderr);
  if (child.status !== 0) throw new Error(`pack build failed:\n${child.stderr}`);
  const pack = JSON.parse(child.stdout.trim().split("\n").at(-1)!) as { ms: number; maxRssMb: number; bytes: number; items: number };

  // 2. The baseline: COPY of the same rows (items with snapshots, decisions, remediation, findings, audit events) into one ZIP.
  const c = campaign.id.replace(/[^a-z0-9_]/g, "");
  const w = ws.id.replace(/[^a-z0-9_]/g, "");
  const copies: [string, string][] = [
    ["items.csv", `SELECT ri.id, ri."campaignId", ri.snapshot, ri.reasons, ri."dueAt", ri.status, ri."reviewerId" FROM "ReviewItem" ri WHERE ri."campaignId" = '${c}' ORDER BY ri.id`],
    ["decisions.csv", `SELECT d.* FROM "Decision" d JOIN "ReviewItem" ri ON ri.id = d."itemId" WHERE ri."campaignId" = '${c}' ORDER BY d.id`],
    ["remediation.csv", `SELECT t.* FROM "RemediationTask" t JOIN "Decision" d ON d.id = t."decisionId" JOIN "ReviewItem" ri ON ri.id = d."itemId" WHERE ri."campaignId" = '${c}' ORDER BY t.id`],
    ["findings.csv", `SELECT f.* FROM "Finding" f JOIN "ReviewItem" ri ON ri.id = f."reviewItemId" WHERE ri."campaignId" = '${c}' ORDER BY f.id`],
    ["audit.csv", `SELECT * FROM "AuditEvent" WHERE "workspaceId" = '${w}' ORDER BY seq`],
  ];
  const baselineZip = path.join(dataDir, "baseline.zip");
  const b0 = performance.now();
  const zip = new yazl.ZipFile();
  const written = pipeline(zip.outputStream, createWriteStream(baselineZip));
  for (const [name, sql] of copies) {
    const stream = client.query(copyStreams.to(`COPY (${sql}) TO STDOUT WITH (FORMAT csv, HEADER)`));
    const done = new Promise<void>((resolve, reject) => { stream.on("end", () => resolve()); stream.on("error", reject); });
    zip.addReadStream(stream, name);
    await done;
  }
  zip.end();
  await written;
  const baselineMs = performance.now() - b0;

  const ratio = pack.ms / baselineMs;
  const result = {
    items: pack.items, seedSeconds: Math.round(seedSeconds), packSeconds: +(pack.ms / 1000).toFixed(2), packMb: +(pack.bytes / 1_048_576).toFixed(1),
    baselineSeconds: +(baselineMs / 1000).toFixed(2), baselineMb: +(statSync(baselineZip).size / 1_048_576).toFixed(1), ratio: +ratio.toFixed(2), peakRssMb: Math.round(pack.maxRssMb),
  };
  console.log(`\nEvidence pack for ${result.items.toLocaleString("en")} items`);
  console.log(`  pack build         ${result.packSeconds} s  (${result.packMb} MB zip)   peak RSS ${result.peakRssMb} MB  (goal ≤ 512 MB: ${result.peakRssMb <= 512 ? "met" : "NOT met"})`);
  console.log(`  COPY + zip baseline ${result.baselineSeconds} s  (${result.baselineMb} MB zip)`);
  console.log(`  ratio              ${result.ratio}×  (goal ≤ 2.0×: ${ratio <= 2 ? "met" : "NOT met"})`);
  console.log(JSON.stringify(result));
  const load = (await import("node:os")).loadavg()[0]!.toFixed(1);
  reportFigure({
    bench: "evidence", measure: `pack build vs COPY + zip of the same rows (${result.items.toLocaleString("en")} items)`, value: result.ratio, unit: "×", goal: "≤ 2.0×", met: ratio <= 2,
    detail: `${result.packSeconds} s vs ${result.baselineSeconds} s; load average ${load}`,
  });
  reportFigure({
    bench: "evidence", measure: "pack build peak RSS", value: result.peakRssMb, unit: "MB", goal: "≤ 512 MB", met: result.peakRssMb <= 512,
    detail: `${result.packMb} MB zip (baseline ${result.baselineMb} MB)`,
  });
} finally {
  await client.end();
  if (!flag("--keep")) rmSync(dataDir, { recursive: true, force: true });
  await server.stop();
}
