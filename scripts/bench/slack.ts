// `npm run bench -- slack [--quick] [--clicks N]`: the built app as `npm start` runs it (scripts/web-server.ts; run `npm run build`
// first) and a worker against a Slack stand-in and a scratch database. Sends N (default 100; --quick:
// 10) concurrent signed block_actions "Keep" clicks on N different items, then replays all of them at
// once as Slack retries (x-slack-retry-num: 1). Reports ack latency p50/p99 (goal p99 ≤ 150 ms) through
// reportFigure() and checks the database: exactly one decision per item, none lost, none duplicated.
import { spawn } from "node:child_process";
import http from "node:http";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { startTestDatabase } from "../test-database";
import { freePort } from "../embedded-pg";
import { SlackStandIn } from "../../e2e/slack-stand-in";
import { reportFigure } from "./report";
import { workerCommand } from "../worker-command";
import { buttonClick, eventRequest, interactive, urlVerification, type SignedRequest } from "../../e2e/slack-payloads";

const args = process.argv.slice(2);
const option = (name: string) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const QUICK = args.includes("--quick");
const CLICKS = Number(option("--clicks") ?? (QUICK ? 10 : 100));
const SECRET = "bench-slack-signing-secret-0123456789";
const TOKEN = "xoxb-bench";

if (!existsSync(path.resolve(".next", "BUILD_ID"))) {
  console.error("Build the app first: npm run build");
  process.exit(1);
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const summary = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99), max: s[s.length - 1]! };
};
const fmt = (x: number) => `${x.toFixed(1)} ms`;

// Every process's CPU time (ms, user + system, from /proc in clock ticks of 10 ms) and parent: to tell,
// when a wave is slow, whether the app, the worker, PostgreSQL or the load generator had the cores.
const processes = () => readdirSync("/proc").filter((d) => /^\d+$/.test(d)).flatMap((pid) => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return [{ pid: Number(pid), comm: stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")), ppid: Number(fields[1]), cpuMs: (Number(fields[11]) + Number(fields[12])) * 10 }];
  } catch {
    return [];
  }
});
/** A process and its descendants (tsx runs the script in a child node process). */
const treeCpu = (all: ReturnType<typeof processes>, root: number): number =>
  all.filter((p) => p.pid === root).reduce((n, p) => n + p.cpuMs, 0) + all.filter((p) => p.ppid === root).reduce((n, p) => n + treeCpu(all, p.pid), 0);
const cpuSnapshot = (appPid: number, workerPid: number) => {
  const all = processes();
  return {
    app: treeCpu(all, appPid), worker: treeCpu(all, workerPid), postgres: all.filter((p) => p.comm === "postgres").reduce((n, p) => n + p.cpuMs, 0),
    bench: (process.cpuUsage().user + process.cpuUsage().system) / 1000, at: performance.now(),
  };
};
const cpuSpent = (a: ReturnType<typeof cpuSnapshot>, b: ReturnType<typeof cpuSnapshot>) =>
  `app ${b.app - a.app} ms, worker ${b.worker - a.worker} ms, PostgreSQL ${b.postgres - a.postgres} ms, load generator ${Math.round(b.bench - a.bench)} ms in ${Math.round(b.at - a.at)} ms`;

const database = await startTestDatabase();
const url = await database.createDatabase("rollcall_bench_slack");
process.env.DATABASE_URL = url;
const standIn = await new SlackStandIn(TOKEN).start(0);
const dataDir = mkdtempSync(path.join(tmpdir(), "rollcall-bench-slack-"));
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const appEnv = { ...process.env, DATABASE_URL: url, AUTH_SECRET: "bench-auth-secret-bench-auth-secret", ROLLCALL_DATA_DIR: dataDir, NEXT_TELEMETRY_DISABLED: "1", SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: TOKEN, SLACK_API_URL: standIn.url };
// The app as `npm start` runs it: the production web server (scripts/web-server.ts) and a worker.
// Keep clicks are decided in the app process right after the ack (lib/slack/run-click.ts), falling back
// to slack.click jobs on the worker; the worker also runs the slack.refresh-item jobs decide() queues.
const tsx = createRequire(import.meta.url).resolve("tsx/cli");
const app = spawn(process.execPath, [tsx, "scripts/web-server.ts", "-p", String(port), "-H", "127.0.0.1"], { env: { ...appEnv, NODE_ENV: "production" }, stdio: ["ignore", "ignore", "inherit"] });
const workerCmd = workerCommand(tsx);
const worker = spawn(workerCmd.command, workerCmd.args, { env: appEnv, stdio: ["ignore", "pipe", "inherit"] });
// The worker says when it has started every queue's handler (its start-up compiles and loads modules
// for a few seconds of CPU, which is not what this bench measures).
const workerReady = new Promise<void>((resolve, reject) => {
  let out = "";
  worker.stdout!.on("data", (chunk: Buffer) => {
    out = (out + chunk.toString()).slice(-4096);
    if (out.includes("[worker] ready")) resolve();
  });
  worker.once("exit", (code) => reject(new Error(`the worker exited (${code}) before it was ready`)));
});

const { db, disconnectDb } = await import("../../lib/db");
try {
  // Seed: one owner in Slack with N pending items, shown in DMs of ten (as the digest posts them).
  const f = await import("../../prisma/factories");
  const ws = await f.createWorkspace(db, { name: "Slack Bench Co" });
  const owner = await f.createUser(db, ws.id, { name: "Ana", email: "ana@bench.test" });
  const slackId = "U0BENCHANA";
  standIn.addUser({ id: slackId, email: owner.email, name: "ana" });
  await db.user.update({ where: { id: owner.id }, data: { slackUserId: slackId } });
  const source = await f.createSource(db, ws.id, { name: "aws-bench", kind: "AWS" });
  const campaign = await f.createCampaign(db, ws.id, { name: "Bench campaign" });
  const items: string[] = [];
  // One extra item is clicked before measuring: the first decision loads the database client and the
  // decision code into the app process, which is start-up cost, not ack latency.
  for (let i = 0; i <= 2 * CLICKS; i++) {
    const identity = await f.createIdentity(db, ws.id, { sourceId: source.id, ownerId: owner.id, name: `svc-bench-${i}` });
    items.push((await f.createReviewItem(db, ws.id, { campaignId: campaign.id, identityId: identity.id, reviewerId: owner.id })).id);
  }
  const channel = `D${slackId.slice(1)}`;
  const messageOf = new Map<string, string>();
  for (let i = 0; i < items.length; i += 10) {
    const ts = `1700000000.${String(i).padStart(6, "0")}`;
    const ids = items.slice(i, i + 10);
    await db.slackMessage.create({ data: { workspaceId: ws.id, userId: owner.id, channel, ts, itemIds: ids } });
    standIn.messages.set(`${channel}:${ts}`, { channel, ts, text: "", blocks: [] });
    for (const id of ids) messageOf.set(id, ts);
  }

  // Wait for the app, then warm the route once (first request loads the route's modules).
  for (let i = 0; ; i++) {
    const ok = await fetch(`${base}/api/v1/health`).then((r) => r.ok, () => false);
    if (ok) break;
    if (i > 600) throw new Error("the app did not start");
    await new Promise((r) => setTimeout(r, 100));
  }
  await Promise.race([workerReady, new Promise((_, reject) => setTimeout(() => reject(new Error("the worker was not ready within 60 s")), 60_000).unref())]);
  // Slack's requests come from Slack's machines; here the load generator shares the two cores with the
  // app, so it uses Node's plain HTTP client (a new connection per request, as Slack opens them), which
  // costs a fraction of fetch()'s CPU per request.
  const post = (signed: SignedRequest, headers: Record<string, string> = {}) =>
    new Promise<{ status: number; ms: number }>((resolve, reject) => {
      const started = performance.now();
      const req = http.request(`${base}/api/slack/events`, { method: "POST", agent: false, headers: { ...signed.headers, ...headers, "content-length": String(Buffer.byteLength(signed.body)) } }, (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
      });
      req.on("error", reject);
      req.end(signed.body);
    });
  const warmItem = items.pop()!;
  const inProcessItems = items.splice(CLICKS);
  await post(interactive(SECRET, buttonClick({ user: { id: slackId }, channel, messageTs: messageOf.get(warmItem)!, actionId: "review.keep", blockId: `act:${warmItem}`, value: warmItem, triggerId: standIn.triggerId() })));
  for (let i = 0; !(await db.decision.findUnique({ where: { itemId: warmItem } })); i++) {
    if (i > 300) throw new Error("the warm-up click was not decided");
    await new Promise((r) => setTimeout(r, 100));
  }
  await new Promise((r) => setTimeout(r, 500));
  standIn.reset();

  const clicks = items.map((itemId) =>
    interactive(SECRET, buttonClick({ user: { id: slackId }, channel, messageTs: messageOf.get(itemId)!, actionId: "review.keep", blockId: `act:${itemId}`, value: itemId, triggerId: standIn.triggerId() })),
  );
  const loadBefore = loadavg()[0]!;
  // Measure from rest: the warm-up's follow-up jobs load the worker's Slack modules (a few hundred ms of
  // CPU); wait until app and worker together use under 5% of a core over half a second (at most 20 s).
  for (let i = 0, before = cpuSnapshot(app.pid!, worker.pid!); i < 40; i++) {
    await new Promise((r) => setTimeout(r, 500));
    const now = cpuSnapshot(app.pid!, worker.pid!);
    const busy = now.app - before.app + now.worker - before.worker;
    before = now;
    if (busy < 25) break;
  }
  const idle = cpuSnapshot(app.pid!, worker.pid!);
  await new Promise((r) => setTimeout(r, 1000));
  const cpu0 = cpuSnapshot(app.pid!, worker.pid!);
  const t0 = performance.now();
  const first = await Promise.all(clicks.map((c) => post(c)));
  const cpu1 = cpuSnapshot(app.pid!, worker.pid!);
  const replay = await Promise.all(clicks.map((c) => post(c, { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" })));
  // Everything after the ack (decide, chat.update) finishes in the background; wait for the decisions.
  let decided = 0;
  for (let i = 0; i < 1800; i++) {
    decided = await db.decision.count({ where: { workspaceId: ws.id, itemId: { in: items } } });
    if (decided >= CLICKS) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const allDecidedMs = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 1000));
  const rows = await db.decision.findMany({ where: { workspaceId: ws.id, itemId: { in: items } }, select: { itemId: true, channel: true } });
  const distinct = new Set(rows.map((r) => r.itemId)).size;
  const audits = await db.auditEvent.count({ where: { workspaceId: ws.id, action: "review.decided", subjectId: { in: items } } });
  // The floor: the same burst of the cheapest signed request (url_verification: no listener, no database).
  const floor = summary((await Promise.all(Array.from({ length: CLICKS }, () => post(eventRequest(SECRET, urlVerification("bench")))))).map((r) => r.ms));
  // The same burst handed to the route's handler inside this process (no HTTP server, no Next.js):
  // the cost of verification, parsing, Bolt and the listener up to its ack.
  for (const [k, v] of Object.entries({ SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: TOKEN, SLACK_API_URL: standIn.url })) process.env[k] = v;
  const { handleSlackHttp } = await import("../../lib/slack/http-handler");
  const { getSlackApp } = await import("../../lib/slack/app");
  const background: Promise<unknown>[] = [];
  const direct = async (signed: SignedRequest) => {
    const started = performance.now();
    const res = await handleSlackHttp(new Request(`${base}/api/slack/events`, { method: "POST", headers: signed.headers, body: signed.body }), getSlackApp, (w) => background.push(w));
    await res.arrayBuffer();
    return performance.now() - started;
  };
  await direct(eventRequest(SECRET, urlVerification("warm")));
  const inProcess = summary(await Promise.all(inProcessItems.map((itemId) =>
    direct(interactive(SECRET, buttonClick({ user: { id: slackId }, channel, messageTs: messageOf.get(itemId)!, actionId: "review.keep", blockId: `act:${itemId}`, value: itemId, triggerId: standIn.triggerId() }))),
  )));
  await Promise.all(background);
  const inProcessDecided = await db.decision.count({ where: { itemId: { in: inProcessItems } } });
  const a = summary(first.map((r) => r.ms));
  const b = summary(replay.map((r) => r.ms));
  const failed = [...first, ...replay].filter((r) => r.status !== 200).length;

  console.log(`\nSlack interactivity bench — ${CLICKS} concurrent signed block_actions (Keep), then ${CLICKS} concurrent retries (1-min load average before: ${loadBefore.toFixed(1)} on ${availableParallelism()} cores)`);
  console.log(`  ack latency, first wave:  p50 ${fmt(a.p50)}  p95 ${fmt(a.p95)}  p99 ${fmt(a.p99)}  max ${fmt(a.max)}   (goal p99 ≤ 150 ms)`);
  console.log(`  ack latency, retry wave:  p50 ${fmt(b.p50)}  p95 ${fmt(b.p95)}  p99 ${fmt(b.p99)}  max ${fmt(b.max)}`);
  console.log(`  floor, ${CLICKS} concurrent url_verification:  p50 ${fmt(floor.p50)}  p99 ${fmt(floor.p99)}  (verification and HTTP alone, no listener)`);
  console.log(`  in-process handler (no HTTP), ${CLICKS} concurrent Keep:  p50 ${fmt(inProcess.p50)}  p99 ${fmt(inProcess.p99)}; decided ${inProcessDecided}/${CLICKS}`);
  console.log(`  CPU in the second before the first wave: ${cpuSpent(idle, cpu0)}`);
  console.log(`  CPU during the first wave:               ${cpuSpent(cpu0, cpu1)}`);
  console.log(`  non-200 answers: ${failed}`);
  console.log(`  decisions: ${rows.length} for ${distinct} items (lost ${CLICKS - distinct}, duplicated ${rows.length - distinct}); audit rows ${audits}; all SLACK: ${rows.every((r) => r.channel === "SLACK")}`);
  console.log(`  all decisions recorded ${fmt(allDecidedMs)} after the first click; chat.update calls ${standIn.callsTo("chat.update").length}`);
  const ok = a.p99 <= 150 && failed === 0 && distinct === CLICKS && rows.length === CLICKS && audits === CLICKS;
  const load = `load ${loadBefore.toFixed(1)} on ${availableParallelism()} cores`;
  reportFigure({ bench: "slack", measure: `ack latency p99, ${CLICKS} concurrent signed Keep clicks against the built app`, value: Number(a.p99.toFixed(1)), unit: "ms", goal: "≤ 150 ms", met: a.p99 <= 150, detail: `p50 ${fmt(a.p50)}, p95 ${fmt(a.p95)}, max ${fmt(a.max)}; retry wave p99 ${fmt(b.p99)}; ${load}; CPU during the wave: ${cpuSpent(cpu0, cpu1)}` });
  reportFigure({ bench: "slack", measure: "ack latency p50", value: Number(a.p50.toFixed(1)), unit: "ms", detail: `floor (url_verification) p50 ${fmt(floor.p50)}, p99 ${fmt(floor.p99)}` });
  reportFigure({ bench: "slack", measure: `lost + duplicated decisions (${CLICKS} clicks, each delivered twice)`, value: CLICKS - distinct + (rows.length - distinct), unit: "decisions", goal: "0", met: distinct === CLICKS && rows.length === CLICKS && audits === CLICKS && failed === 0, detail: `${rows.length} decisions for ${distinct} items, ${audits} audit rows, ${failed} non-200 answers, all decided ${fmt(allDecidedMs)} after the first click` });
  console.log(ok ? "  PASS" : "  FAIL");
  process.exitCode = ok ? 0 : 1;
} finally {
  app.kill("SIGTERM");
  worker.kill("SIGTERM");
  // The in-process part decides through decide(), which queues Slack refreshes: this process then has
  // a pg-boss pool of its own, and the embedded server would wait for it forever on stop.
  const { stopBoss } = await import("../../lib/jobs/boss");
  await stopBoss();
  await disconnectDb();
  await standIn.stop();
  await database.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
