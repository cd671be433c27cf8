// `npm run bench -- inventory [--quick] [--no-reimport]`: imports N identities × 3 entitlements through the
// real sync path (applySync), compares with a raw COPY of the same rows into the same empty tables in the
// same run, re-imports unchanged, and times the inventory page's query at that size.
import pg from "pg";
import { benchDatabase } from "./bench-database";
import { generateIdentities, rawCopyText } from "./inventory-data";
import { reportFigure } from "./report";
import type { OwnerRuleSpec } from "../../lib/ownership/rules";

const quick = process.argv.includes("--quick");
const reimport = !process.argv.includes("--no-reimport");
const n = quick ? 10_000 : 1_000_000;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const rate = (rows: number, ms: number) => `${Math.round(rows / (ms / 1000)).toLocaleString("en-US")} rows/s`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

console.log(`Inventory benchmark: ${n.toLocaleString("en-US")} identities × 3 entitlements + 1 credential${quick ? " (--quick)" : ""}`);
const database = await benchDatabase(quick ? "rollcall_bench_inventory_quick" : "rollcall_bench_inventory");
process.env.DATABASE_URL = database.url;
const { db, disconnectDb } = await import("../../lib/db");
const { applySync } = await import("../../lib/inventory/apply-sync");
const { rollcallCoverage } = await import("../../lib/inventory/formats/rollcall-identity");
const { listIdentities } = await import("../../lib/inventory/queries");
const { parseRollcallCsv } = await import("../../lib/inventory/formats/rollcall-csv");
const { systemActor } = await import("../../lib/authz/actor");
const { createOwnerRule, createSource, createTeam, createUser, createWorkspace } = await import("../../prisma/factories");

const raw = new pg.Client({ connectionString: database.url });
await raw.connect();
const { from: copyFrom } = await import("pg-copy-streams");
async function copy(statement: string, chunks: string[]) {
  const stream = raw.query(copyFrom(statement));
  const done = new Promise<void>((resolve, reject) => stream.on("finish", resolve).on("error", reject));
  for (const chunk of chunks) if (!stream.write(chunk)) await new Promise<void>((r) => stream.once("drain", r));
  stream.end();
  await done;
}

try {
  const ws = await createWorkspace(db, { name: "Bench" });
  const people = await Promise.all(Array.from({ length: 20 }, (_, i) => createUser(db, ws.id, { email: `owner-${i}@bench.test`, name: `Owner ${i}` })));
  const team = await createTeam(db, ws.id, { name: "Platform" });
  await createOwnerRule(db, ws.id, { position: 1, pattern: "svc-00001*", ownerTeamId: team.id });
  await createOwnerRule(db, ws.id, { position: 2, tagKey: "team", tagValue: "team-3", ownerUserId: people[3]!.id });
  const rawSource = await createSource(db, ws.id, { name: "raw-copy" });
  const syncSource = await createSource(db, ws.id, { name: "sync" });
  const rules = await db.ownerRule.findMany({ where: { workspaceId: ws.id }, orderBy: { position: "asc" } });

  let t = performance.now();
  const identities = generateIdentities(n, people.map((p) => p.email));
  console.log(`generated ${n.toLocaleString("en-US")} normalized identities in ${seconds(performance.now() - t)} (not timed below)`);
  const usersByEmail = new Map(people.map((p) => [p.email, p.id]));
  const rawSync = await db.sourceSync.create({ data: { workspaceId: ws.id, sourceId: rawSource.id, format: "raw-copy", status: "SUCCEEDED" } });
  const text = rawCopyText(identities, { workspaceId: ws.id, sourceId: rawSource.id, syncId: rawSync.id }, { sourceId: rawSource.id, coverage: rollcallCoverage(), rules: rules as OwnerRuleSpec[], usersByEmail, teamsByName: new Map([["platform", team.id]]) }, new Date());
  const rows = n * 5;

  // 1. Raw COPY of the same final rows into the same (empty, indexed) tables, in one transaction.
  await raw.query("CHECKPOINT");
  t = performance.now();
  await raw.query("BEGIN");
  await copy(text.statements.identity, text.chunks.identity);
  await copy(text.statements.credential, text.chunks.credential);
  await copy(text.statements.entitlement, text.chunks.entitlement);
  await raw.query("COMMIT");
  const copyMs = performance.now() - t;
  console.log(`raw COPY:          ${seconds(copyMs)}  (${rate(rows, copyMs)}, ${rows.toLocaleString("en-US")} rows in 3 tables)`);
  await raw.query(`TRUNCATE "Identity", "Credential", "Entitlement" CASCADE`);
  await raw.query("CHECKPOINT");

  // 2. The sync path: stage with COPY, diff and apply in one transaction, change records, audit.
  const sync = await db.sourceSync.create({ data: { workspaceId: ws.id, sourceId: syncSource.id, format: "bench", status: "RUNNING" } });
  t = performance.now();
  const summary = await applySync({ actor: systemActor(ws.id, "bench"), sourceId: syncSource.id, syncId: sync.id, mode: "snapshot", discoveredBy: "IMPORT", coverage: rollcallCoverage(), identities });
  const syncMs = performance.now() - t;
  console.log(`sync import:       ${seconds(syncMs)}  (${rate(rows, syncMs)}; ${rate(n, syncMs).replace("rows", "identities")})  ratio to raw COPY: ${(syncMs / copyMs).toFixed(2)}×  (goal ≤ 2.0×)`);
  console.log(`  added ${summary.added.toLocaleString("en-US")}, baseline ${summary.baseline}; steps: ${Object.entries(summary.timings).map(([k, v]) => `${k} ${seconds(v)}`).join(", ")}`);

  // 3. Re-importing the same rows: the full diff path, nothing to change.
  let reimportMs: number | null = null;
  if (reimport) {
    await raw.query("ANALYZE");
    const again = await db.sourceSync.create({ data: { workspaceId: ws.id, sourceId: syncSource.id, format: "bench", status: "RUNNING" } });
    t = performance.now();
    const second = await applySync({ actor: systemActor(ws.id, "bench"), sourceId: syncSource.id, syncId: again.id, mode: "snapshot", discoveredBy: "IMPORT", coverage: rollcallCoverage(), identities });
    reimportMs = performance.now() - t;
    console.log(`re-import (same rows): ${seconds(reimportMs)}  (${rate(n, reimportMs).replace("rows", "identities")}); added ${second.added}, changed ${second.changed}, removed ${second.removed}`);
    console.log(`  steps: ${Object.entries(second.timings).map(([k, v]) => `${k} ${seconds(v)}`).join(", ")}`);
  }

  // 4. The inventory page's query (listIdentities, as the page calls it) at this size.
  await raw.query("ANALYZE");
  const views: [string, Parameters<typeof listIdentities>[1], string?][] = [
    ["default (name, page 1)", { page: 1 }],
    ["page 500", { page: 500 }],
    ["sort by blast radius", { page: 1, sort: "blastRadius" }],
    ["sort by last used", { page: 1, sort: "lastUsedAt", dir: "desc" }],
    ["privileged", { page: 1, privileged: true }],
    ["orphans", { page: 1, orphan: true }],
    ["dormant", { page: 1, dormant: true }],
    ["credentials older than 365 days", { page: 1, credentialAge: 365 }],
    ["source + kind", { page: 1, source: syncSource.id, kind: "BOT" }],
    ["prod + privileged, by blast radius", { page: 1, environment: "prod", privileged: true, sort: "blastRadius" }],
    ["blast radius ≥ 80", { page: 1, blast: 80 }],
    ["search 'svc-00042'", { page: 1, q: "svc-00042" }],
    ["member's own identities", { page: 1 }, people[1]!.id],
  ];
  console.log("inventory page query (median of 5 after a warm-up):");
  const timings: [string, number][] = [];
  for (const [label, filter, ownerId] of views) {
    await listIdentities(ws.id, filter, ownerId);
    const runs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const s = performance.now();
      await listIdentities(ws.id, filter, ownerId);
      runs.push(performance.now() - s);
    }
    timings.push([label, median(runs)]);
    console.log(`  ${label.padEnd(36)} ${median(runs).toFixed(1).padStart(7)} ms`);
  }
  const slowest = Math.max(...timings.map(([, ms]) => ms));

  // 5. Parse throughput of our CSV format (the part of a file import before the sync).
  const csvRows = Math.min(n, 100_000);
  const lines = ["external_id,name,kind,environment,owner_email,credential_id,credential_created_at,entitlement,entitlement_resource"];
  for (const identity of identities.slice(0, csvRows)) for (const e of identity.entitlements) lines.push(`${identity.externalId},${identity.name},${identity.kind.toLowerCase()},${identity.environment},${identity.owner?.email ?? ""},${identity.credentials[0]!.externalId},${identity.credentials[0]!.createdAt!.toISOString()},${e.name},${e.resource}`);
  const csv = new TextEncoder().encode(lines.join("\n"));
  t = performance.now();
  const parsed = parseRollcallCsv(csv);
  const parseMs = performance.now() - t;
  console.log(`rollcall-csv parse: ${(csv.length / 1024 / 1024).toFixed(0)} MB, ${(lines.length - 1).toLocaleString("en-US")} rows in ${seconds(parseMs)} (${rate(lines.length - 1, parseMs)}; ok=${parsed.ok})`);

  reportFigure({
    bench: "inventory", measure: `sync import of ${n.toLocaleString("en-US")} identities × 3 entitlements + 1 credential vs raw COPY of the same rows`, value: Math.round((syncMs / copyMs) * 100) / 100, unit: "×",
    goal: "≤ 2.0×", met: syncMs / copyMs <= 2, detail: `${seconds(syncMs)} vs ${seconds(copyMs)}`,
  });
  if (reimportMs !== null) reportFigure({ bench: "inventory", measure: `re-import of the same ${n.toLocaleString("en-US")} identities (nothing changed)`, value: Math.round(reimportMs / 100) / 10, unit: "s", detail: rate(n, reimportMs).replace("rows", "identities") });
  const [slowestLabel] = timings.find(([, ms]) => ms === slowest)!;
  reportFigure({
    bench: "inventory", measure: `inventory page query at ${n.toLocaleString("en-US")} identities, slowest of ${views.length} views (median of 5)`, value: Math.round(slowest), unit: "ms",
    goal: "< 300 ms", met: slowest < 300, detail: `${Math.round(Math.min(...timings.map(([, ms]) => ms)))}–${Math.round(slowest)} ms; slowest: ${slowestLabel}`,
  });

  console.log("\n| identities | raw COPY | sync import | ratio | re-import (unchanged) | slowest page query |");
  console.log("| ---: | ---: | ---: | ---: | ---: | ---: |");
  console.log(`| ${n.toLocaleString("en-US")} × 3 ent. | ${seconds(copyMs)} (${rate(rows, copyMs)}) | ${seconds(syncMs)} (${rate(rows, syncMs)}) | ${(syncMs / copyMs).toFixed(2)}× | ${reimportMs === null ? "—" : seconds(reimportMs)} | ${slowest.toFixed(0)} ms |`);
} finally {
  await raw.end().catch(() => undefined);
  await disconnectDb();
  await database.stop();
}
