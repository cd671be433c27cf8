// `npm run bench [-- --quick]`: every benchmark in sequence, then their figures gathered into
// .data/bench/results.json and .data/bench/results.md (results-quick.* with --quick). `npm run bench -- NAME [options]` runs one
// (scripts/bench/NAME.ts). A bench that fails (non-zero exit) is reported and the run exits non-zero
// after running the others. --quick: about 1/100 size, no timing asserted (figures carry no verdict).
// --timeout=SECONDS stops a bench that runs longer (default 300 with --quick, none otherwise).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, openSync, readSync, closeSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { FIGURES_FILE, type BenchFigure } from "./bench/report";
import { BENCH_TEMPLATE_ENV } from "./bench/bench-database";
import { startEmbeddedPostgres } from "./embedded-pg";
import { migrate } from "./local-database";

type Bench = { name: string; file: string; about: string; reports?: string[]; needsBuild?: boolean };
const benches: Bench[] = [
  { name: "inventory", file: "inventory.ts", about: "1M identities × 3 entitlements through the sync path vs raw COPY, and the inventory page query (--quick: 10k)" },
  { name: "events", file: "events.ts", about: "1M CloudTrail records for 10k identities, ingest end to end (--quick: 50k records)" },
  { name: "campaign", file: "campaign.ts", about: "launch a 250k-item campaign on a 1M-identity inventory; owner inbox query, 1,000 pending (--quick: 10k identities)", reports: ["campaign", "inbox"] },
  { name: "inbox", file: "inbox.ts", about: "owner inbox page (built app, HTTP) with 1,000 pending items in a 250k-item campaign, server p95 (--quick: 10k identities)", needsBuild: true },
  { name: "slack", file: "slack.ts", about: "concurrent signed Slack Keep clicks and retries against the built app: ack p99, one decision each", needsBuild: true },
  { name: "evidence", file: "evidence.ts", about: "evidence pack of a 250k-item campaign vs COPY+zip of the same rows, peak RSS" },
];

type Figure = BenchFigure & { at: string; command: string };
type Run = { name: string; command: string; exitCode: number; seconds: number; figures: Figure[] };

const argv = process.argv.slice(2);
const named = argv[0] && !argv[0].startsWith("-") ? argv[0] : undefined;
const flags = named ? argv.slice(1) : argv;
const quick = flags.includes("--quick");
// A bench that hangs must not hang the suite (npm test runs it): --quick benches get 5 minutes each.
const timeoutSeconds = Number(flags.find((a) => a.startsWith("--timeout="))?.split("=")[1]) || (quick ? 300 : 0);
const benchFlags = flags.filter((a) => !a.startsWith("--timeout="));

function benchFor(name: string): Bench | undefined {
  // A bench not listed above still runs by its file name (scripts/bench/NAME.ts).
  return benches.find((b) => b.name === name) ?? (existsSync(path.join("scripts", "bench", `${name}.ts`)) && name !== "report" ? { name, file: `${name}.ts`, about: "" } : undefined);
}

if (named && !benchFor(named) || flags.includes("--help")) {
  console.log(`usage: npm run bench [-- --quick]            every benchmark below, in order, then .data/bench/results.{json,md}
       npm run bench -- <name> [options]      one benchmark\n${benches.map((b) => `  ${b.name.padEnd(10)} ${b.about}`).join("\n")}`);
  process.exit(named && !flags.includes("--help") ? 1 : 0);
}

const tsx = createRequire(import.meta.url).resolve("tsx/cli");
const RUN_ID = randomUUID();
const size = () => (existsSync(FIGURES_FILE) ? statSync(FIGURES_FILE).size : 0);

/**
 * The figures this bench appended to figures.jsonl since byte `from`. Other runs in the same tree may
 * append at the same time: keep lines of this run (`run`, when report.ts records it), else of this
 * bench's names and this run's size.
 */
function figuresSince(from: number, bench: Bench, command: string): Figure[] {
  const to = size();
  if (to <= from) return [];
  const fd = openSync(FIGURES_FILE, "r");
  const buffer = Buffer.alloc(to - from);
  readSync(fd, buffer, 0, buffer.length, from);
  closeSync(fd);
  return buffer.toString("utf8").split("\n").filter((l) => l.trim()).flatMap((l) => {
    try {
      return [{ ...(JSON.parse(l) as Figure & { run?: string }), command }];
    } catch {
      return [];
    }
  }).filter((f) => (f.run !== undefined ? f.run === RUN_ID : (bench.reports ?? [bench.name]).includes(f.bench) && Boolean(f.quick) === quick));
}

let current: ChildProcess | undefined;
function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // already gone
  }
}

function run(bench: Bench, args: string[]): Promise<Run> {
  const command = ["npm run bench --", bench.name, ...args].join(" ");
  console.log(`\n━━ bench ${bench.name}${args.length ? ` ${args.join(" ")}` : ""} ━━`);
  const from = size();
  const started = performance.now();
  return new Promise((resolve) => {
    // Large runs hold the generated rows in memory: give the heap room. Its own process group, so that
    // a timeout also ends what it started (the app, a worker).
    const child = spawn(process.execPath, ["--max-old-space-size=8192", "--import", "./scripts/node20-polyfills.mjs", tsx, path.join("scripts", "bench", bench.file), ...args], {
      stdio: "inherit",
      detached: true,
      env: { ...process.env, ...serverEnv, ROLLCALL_BENCH_RUN: RUN_ID, CHECKPOINT_DISABLE: "1", NEXT_TELEMETRY_DISABLED: "1" },
    });
    current = child;
    let timedOut = false;
    const timer = timeoutSeconds > 0 ? setTimeout(() => {
      timedOut = true;
      console.error(`\nbench ${bench.name}: no exit after ${timeoutSeconds} s — stopping it`);
      killGroup(child, "SIGTERM");
      setTimeout(() => killGroup(child, "SIGKILL"), 10_000).unref();
    }, timeoutSeconds * 1000) : undefined;
    const done = (exitCode: number) => {
      clearTimeout(timer);
      current = undefined;
      if (timedOut) exitCode = exitCode || 124;
      resolve({ name: bench.name, command, exitCode, seconds: Math.round((performance.now() - started) / 100) / 10, figures: figuresSince(from, bench, command) });
    };
    child.on("error", (error) => {
      console.error(error);
      done(1);
    });
    child.on("exit", (code, signal) => done(code ?? (signal ? 128 : 1)));
  });
}

const number = (v: number) => (Number.isInteger(v) ? v.toLocaleString("en-US") : Math.abs(v) >= 100 ? Math.round(v).toLocaleString("en-US") : String(Math.round(v * 100) / 100));
const cell = (s: string) => s.replaceAll("|", "\\|").replaceAll("\n", " ");

function table(runs: Run[]): string {
  const lines = ["| measure | figure | goal | met | command |", "| --- | --- | --- | --- | --- |"];
  for (const r of runs) {
    for (const f of r.figures) {
      const figure = `${number(f.value)} ${f.unit}${f.detail ? ` (${f.detail})` : ""}`;
      const met = f.quick ? "— (quick)" : f.met === undefined ? "—" : f.met ? "yes" : "**no**";
      lines.push(`| ${cell(`${f.bench}: ${f.measure}`)} | ${cell(figure)} | ${cell(f.goal ?? "—")} | ${met} | \`${r.command}\` |`);
    }
    if (r.exitCode !== 0) lines.push(`| ${cell(`${r.name}: bench run`)} | **failed** (exit ${r.exitCode} after ${r.seconds} s) | completes | **no** | \`${r.command}\` |`);
    else if (r.figures.length === 0) lines.push(`| ${cell(`${r.name}: bench run`)} | completed in ${r.seconds} s, no figure reported | — | — | \`${r.command}\` |`);
  }
  return lines.join("\n");
}

/**
 * Without DATABASE_URL, one embedded PostgreSQL serves every bench of the run (initialised once, not
 * once per bench), with a migrated template the benches' databases are cloned from.
 */
async function startServer(): Promise<{ env: Record<string, string>; stop: () => Promise<void> }> {
  if (process.env.DATABASE_URL) return { env: {}, stop: async () => {} };
  const dir = mkdtempSync(path.join(tmpdir(), "rollcall-bench-pg-"));
  const server = await startEmbeddedPostgres({ dataDir: path.join(dir, "data"), persistent: false });
  const template = "rollcall_bench_template";
  const admin = new pg.Client({ connectionString: server.url("postgres") });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${template}`);
  await admin.end();
  await migrate(server.url(template));
  return {
    env: { DATABASE_URL: server.url("postgres"), [BENCH_TEMPLATE_ENV]: template },
    stop: async () => {
      await server.stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const startedAt = new Date();
const loadBefore = loadavg();
const runs: Run[] = [];
const server = await startServer();
const serverEnv = server.env;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (current) killGroup(current, signal);
    void server.stop().finally(() => process.exit(130));
  });
}
/** The benches that measure the app over HTTP need `next build`'s output: build it once if missing. */
function ensureBuilt(selected: Bench[]): void {
  if (!selected.some((b) => b.needsBuild) || existsSync(path.join(".next", "BUILD_ID"))) return;
  console.log("\n━━ next build (the inbox and slack benches run the built app) ━━");
  const built = spawnSync(process.execPath, [createRequire(import.meta.url).resolve("next/dist/bin/next"), "build"], { stdio: "inherit", env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" } });
  if (built.status !== 0) throw new Error(`next build failed (exit ${built.status})`);
}

const selected = named ? [benchFor(named)!] : benches;
try {
  ensureBuilt(selected);
  for (const bench of selected) runs.push(await run(bench, benchFlags));
} finally {
  await server.stop();
}
const failed = runs.filter((r) => r.exitCode !== 0);
const md = table(runs);

console.log(`\n━━ bench summary ━━\n${md}`);
for (const r of runs) console.log(`${r.name.padEnd(10)} ${r.exitCode === 0 ? "ok    " : `FAILED (exit ${r.exitCode})`} ${r.seconds} s`);
if (!named) {
  // Only the full run writes the results files (a single bench would overwrite the suite's table).
  const dir = path.dirname(FIGURES_FILE);
  mkdirSync(dir, { recursive: true });
  const loadAfter = loadavg();
  const header = `Benchmarks${quick ? " (--quick: about 1/100 size, no goals apply)" : ""}, ${startedAt.toISOString()} – ${new Date().toISOString()}, ${availableParallelism()} cores, load average ${loadBefore.map((l) => l.toFixed(1)).join(" ")} before, ${loadAfter.map((l) => l.toFixed(1)).join(" ")} after.`;
  // --quick writes beside the full figures (npm test runs it), never over them.
  const stem = quick ? "results-quick" : "results";
  writeFileSync(path.join(dir, `${stem}.json`), `${JSON.stringify({
    startedAt: startedAt.toISOString(), finishedAt: new Date().toISOString(), quick, cores: availableParallelism(), loadBefore, loadAfter,
    benches: runs.map(({ figures, ...r }) => ({ ...r, status: r.exitCode === 0 ? "passed" : "failed", figures: figures.length })),
    figures: runs.flatMap((r) => r.figures),
  }, null, 2)}\n`);
  writeFileSync(path.join(dir, `${stem}.md`), `${header}\n\n${md}\n`);
  console.log(`\nwrote ${path.join(dir, `${stem}.json`)} and ${stem}.md`);
}
console.log(failed.length ? `${failed.length} of ${runs.length} benchmarks failed: ${failed.map((r) => r.name).join(", ")}` : `${runs.length} benchmark${runs.length === 1 ? "" : "s"} completed`);
process.exit(failed.length ? 1 : 0);
