// Reliability: the real worker (scripts/worker.ts) is SIGKILLed in the middle of three long jobs — a
// campaign launch freezing 30,000 items, an inventory import of a generated 30,000-row file, and an
// evidence pack build over 10,000 items — then a fresh worker is started. pg-boss notices the dead
// worker by its stopped heartbeat and retries; each job must complete exactly once, with no
// duplicate rows, no leftover partial state and an audit chain that verifies.
import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";

// Set before anything reads the environment: packs go to a throwaway directory, signing keys are
// sealed with a test secret, and a dead worker's job is retried after 10 s instead of 60 s.
const dataDir = mkdtempSync(path.join(tmpdir(), "rollcall-crash-data-"));
process.env.ROLLCALL_DATA_DIR = dataDir;
process.env.AUTH_SECRET ??= "worker-crash-test-secret-0123456789";
process.env.ROLLCALL_JOB_HEARTBEAT_SECONDS = "10";

const { db } = await import("@/lib/db");
const { verifyAuditChain } = await import("@/lib/audit/verify-chain");
const { launchCampaign } = await import("@/lib/campaigns/launch-campaign");
const { freezePopulation } = await import("@/lib/campaigns/launch-campaign-job");
const { requestEvidencePack } = await import("@/lib/evidence/request-evidence-pack");
const { resolvePackPath } = await import("@/lib/evidence/storage");
const { uploadImport } = await import("@/lib/inventory/upload-import");
const { startImport } = await import("@/lib/inventory/start-import");
const { ensureQueues } = await import("@/lib/jobs/run-worker");
const { createCampaign, createSource, createUser, createWorkspace } = await import("@/prisma/factories");

const LAUNCH_ITEMS = 30_000;
const IMPORT_ROWS = 30_000;
const PACK_ITEMS = 10_000;
const root = path.resolve(import.meta.dirname, "../..");

type Worker = { child: ChildProcess; log: string[]; exited: Promise<number | null> };
const workers: Worker[] = [];

/** The production worker entry point, one process (node --import tsx, so SIGKILL hits the worker itself). */
function startWorker(): Worker {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
    cwd: root,
    env: { ...process.env, ROLLCALL_JOB_SUPERVISE_SECONDS: "1", ROLLCALL_LAUNCH_PARALLEL: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const log: string[] = [];
  child.stdout!.on("data", (d: Buffer) => log.push(d.toString()));
  child.stderr!.on("data", (d: Buffer) => log.push(d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const worker = { child, log, exited };
  workers.push(worker);
  return worker;
}

afterAll(async () => {
  for (const w of workers) {
    if (w.child.exitCode === null && w.child.signalCode === null) {
      w.child.kill("SIGTERM");
      await Promise.race([w.exited, new Promise((r) => setTimeout(r, 15_000))]);
      if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill("SIGKILL");
    }
  }
});

async function until<T>(what: string, read: () => Promise<T | null | false>, timeoutMs: number, logs: () => string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not reached in ${timeoutMs / 1000} s. Worker output:\n${logs().slice(-4000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** `n` identities in one statement, owned by `ownerId`, first seen an hour ago (so a launch now includes them). */
async function generateIdentities(workspaceId: string, sourceId: string, ownerId: string, n: number) {
  await db.$executeRaw`
    INSERT INTO "Identity" ("workspaceId", "sourceId", kind, "externalId", name, "ownerId", "lastUsedAt", "firstSeenAt", "lastSeenAt")
    SELECT ${workspaceId}, ${sourceId}, 'SERVICE_ACCOUNT', 'gen:' || g, 'gen-' || g, ${ownerId}, now() - interval '1 day', now() - interval '1 hour', now() - interval '1 hour'
    FROM generate_series(1, ${n}::int) g`;
}

async function world(n: number) {
  const ws = await createWorkspace(db);
  const cm = await createUser(db, ws.id, { role: "COMPLIANCE_MANAGER" });
  const owner = await createUser(db, ws.id);
  const source = await createSource(db, ws.id, { kind: "AWS" });
  if (n) await generateIdentities(ws.id, source.id, owner.id, n);
  const actor = { type: "USER" as const, workspaceId: ws.id, userId: cm.id, role: "COMPLIANCE_MANAGER" as const, label: cm.email };
  return { ws, cm, owner, source, actor };
}

const launched = async (campaignId: string) => {
  const c = await db.campaign.findUniqueOrThrow({ where: { id: campaignId }, select: { launchDone: true, population: true } });
  return { done: c.launchDone, frozen: Boolean((c.population as { frozenAt?: string } | null)?.frozenAt) };
};

describe("worker killed mid-job", () => {
  it("a campaign launch, an import and an evidence build each complete once after SIGKILL and restart", async () => {
    const t0 = Date.now();
    const marks: string[] = [];
    const mark = (what: string) => marks.push(`${what} ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    await ensureQueues();
    // (a) a launch: 30,000 identities, the freeze job queued by launchCampaign.
    const a = await world(LAUNCH_ITEMS);
    const draft = await createCampaign(db, a.ws.id, { status: "DRAFT", name: "Crash launch" });
    await launchCampaign(a.actor, { campaignId: draft.id, acknowledgeStaleSources: true });

    // (b) an import of a generated 30,000-row Rollcall CSV into an empty source.
    const b = await world(0);
    const csv = ["external_id,name,kind,status,environment", ...Array.from({ length: IMPORT_ROWS }, (_, i) => `svc:imp-${i},imp-${i},service_account,active,prod`)].join("\n");
    const upload = await uploadImport(b.actor, { sourceId: b.source.id, format: "rollcall-csv", fileName: "generated.csv", bytes: new TextEncoder().encode(csv), preview: false });
    const sync = await startImport(b.actor, { sourceId: b.source.id, uploadId: upload.uploadId! });

    // (c) an evidence pack of a launched 10,000-item campaign (frozen here, in-process).
    const c = await world(PACK_ITEMS);
    const evidenced = await createCampaign(db, c.ws.id, { status: "DRAFT", name: "Crash evidence" });
    await launchCampaign(c.actor, { campaignId: evidenced.id, acknowledgeStaleSources: true });
    expect(await freezePopulation(evidenced.id)).toBe(PACK_ITEMS);
    const requested = await requestEvidencePack(c.actor, { campaignId: evidenced.id });

    mark("seeded");
    // Worker 1 starts all three. So that each is caught part-way whatever the machine's speed, the
    // test holds it at a point inside the job: the import's apply waits for the source's sync lock
    // (held from the start, so every row is staged but none applied); the launch, once a chunk has
    // committed, waits for its campaign row; the pack build, once it reports progress, for its row.
    const held = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await held.connect();
    await held.query("SELECT pg_advisory_lock(hashtextextended('inventory-sync:' || $1, 0))", [b.source.id]);
    await held.query("BEGIN");
    const first = startWorker();
    const holding = { launch: false, pack: false };
    const midway = await until("all three jobs held part-way", async () => {
      const launch = await launched(draft.id);
      if (launch.frozen) throw new Error("the launch finished before it could be held");
      if (!holding.launch && launch.done >= 10_000) {
        await held.query(`SELECT 1 FROM "Campaign" WHERE id = $1 FOR UPDATE`, [draft.id]);
        holding.launch = true;
        if ((await launched(draft.id)).frozen) throw new Error("the launch finished before it could be held");
      }
      const pack = await db.evidencePack.findUniqueOrThrow({ where: { id: requested.id } });
      if (pack.status === "READY") throw new Error("the pack was built before it could be held");
      if (!holding.pack && pack.status === "BUILDING" && pack.progress > 0) {
        await held.query(`SELECT 1 FROM "EvidencePack" WHERE id = $1 FOR UPDATE`, [requested.id]);
        holding.pack = true;
      }
      const run = await db.sourceSync.findUniqueOrThrow({ where: { id: sync.id } });
      const importing = run.status === "RUNNING" && (run.stats as { phase?: string } | null)?.phase === "applying";
      return holding.launch && holding.pack && importing && { launchDone: (await launched(draft.id)).done, rowsParsed: run.rowsParsed, packProgress: pack.progress };
    }, 150_000, () => first.log.join(""));
    await new Promise((r) => setTimeout(r, 500));
    first.child.kill("SIGKILL");
    await first.exited;
    await held.query("ROLLBACK");
    await held.query("SELECT pg_advisory_unlock_all()");
    await held.end();
    mark(`killed mid-job (${JSON.stringify(midway)})`);

    // What the dead worker left: whole chunks only (each chunk commits with its progress), nothing applied.
    const leftItems = await db.reviewItem.count({ where: { campaignId: draft.id } });
    expect(leftItems).toBeGreaterThanOrEqual(midway.launchDone);
    expect(leftItems % 10_000 === 0 || leftItems === LAUNCH_ITEMS).toBe(true);
    expect((await db.campaign.findUniqueOrThrow({ where: { id: draft.id } })).launchDone).toBe(leftItems);
    expect(await db.identity.count({ where: { sourceId: b.source.id } })).toBe(0);
    expect(await db.evidencePack.findUniqueOrThrow({ where: { id: requested.id } })).toMatchObject({ status: "BUILDING", sha256: null });

    // Worker 2: pg-boss fails the dead attempts when their heartbeat stops, and retries them.
    const second = startWorker();
    await until("all three jobs complete after the restart", async () => {
      const [launch, run, pack] = await Promise.all([
        launched(draft.id),
        db.sourceSync.findUniqueOrThrow({ where: { id: sync.id } }),
        db.evidencePack.findUniqueOrThrow({ where: { id: requested.id } }),
      ]);
      if (run.status === "FAILED" || pack.status === "FAILED") throw new Error(`a job failed: import ${JSON.stringify(run.errors)} pack ${pack.error}`);
      return launch.frozen && run.status === "SUCCEEDED" && pack.status === "READY";
    }, 150_000, () => second.log.join(""));
    // pg-boss's view: each job completed on its retry (the killed attempt counted as a failure).
    const runs = await until("the three pg-boss jobs completed", async () => {
      const rows = await db.$queryRaw<{ name: string; state: string; retries: number }[]>`
        SELECT name, state::text AS state, retry_count AS retries FROM pgboss.job
        WHERE (name = 'campaigns.launch' AND data->>'campaignId' = ${draft.id}) OR (name = 'inventory.import' AND data->>'syncId' = ${sync.id}) OR (name = 'evidence.build' AND data->>'packId' = ${requested.id})
        ORDER BY name`;
      return rows.length === 3 && rows.every((r) => r.state === "completed") && rows;
    }, 30_000, () => second.log.join(""));
    expect(runs.map((r) => r.name)).toEqual(["campaigns.launch", "evidence.build", "inventory.import"]);
    for (const run of runs) expect(run.retries).toBeGreaterThanOrEqual(1);
    mark("all done after restart");
    console.log(`[worker-crash] ${marks.join("; ")}`);

    // (a) every identity frozen exactly once; counts agree; one population-frozen record.
    const [{ items, identities }] = await db.$queryRaw<[{ items: number; identities: number }]>`
      SELECT count(*)::int AS items, count(DISTINCT "identityId")::int AS identities FROM "ReviewItem" WHERE "campaignId" = ${draft.id}`;
    expect({ items, identities }).toEqual({ items: LAUNCH_ITEMS, identities: LAUNCH_ITEMS });
    expect(await db.campaign.findUniqueOrThrow({ where: { id: draft.id } })).toMatchObject({ launchDone: LAUNCH_ITEMS, launchTotal: LAUNCH_ITEMS, status: "ACTIVE" });
    expect(await db.auditEvent.count({ where: { workspaceId: a.ws.id, action: "campaign.population-frozen" } })).toBe(1);

    // (b) every row imported once; one sync, one synced record, the upload's bytes released.
    const [{ rows, externals }] = await db.$queryRaw<[{ rows: number; externals: number }]>`
      SELECT count(*)::int AS rows, count(DISTINCT "externalId")::int AS externals FROM "Identity" WHERE "sourceId" = ${b.source.id}`;
    expect({ rows, externals }).toEqual({ rows: IMPORT_ROWS, externals: IMPORT_ROWS });
    expect(await db.sourceSync.findUniqueOrThrow({ where: { id: sync.id } })).toMatchObject({ status: "SUCCEEDED", seenCount: IMPORT_ROWS, addedCount: IMPORT_ROWS, rowsApplied: IMPORT_ROWS });
    expect(await db.sourceSync.count({ where: { sourceId: b.source.id } })).toBe(1);
    expect(await db.auditEvent.count({ where: { workspaceId: b.ws.id, action: "inventory.synced" } })).toBe(1);
    expect(await db.changeRecord.count({ where: { sourceId: b.source.id } })).toBe(0); // a baseline load records no changes

    // (c) one pack, READY, its file matching its hash, no half-written file left behind.
    const pack = await db.evidencePack.findUniqueOrThrow({ where: { id: requested.id } });
    expect(await db.evidencePack.count({ where: { workspaceId: c.ws.id } })).toBe(1);
    expect(createHash("sha256").update(readFileSync(resolvePackPath(pack.storagePath!))).digest("hex")).toBe(pack.sha256);
    expect(readdirSync(path.join(dataDir, "evidence", c.ws.id))).toEqual([path.basename(pack.storagePath!)]);
    expect(await db.auditEvent.count({ where: { workspaceId: c.ws.id, action: "evidence.pack-built" } })).toBe(1);

    for (const ws of [a.ws, b.ws, c.ws]) expect(await verifyAuditChain(ws.id)).toMatchObject({ ok: true });
  }, 300_000);
});
