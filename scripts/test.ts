// `npm test`: typecheck, lint, unit tests, db tests (real PostgreSQL), next build, bench (quick), e2e (Chromium),
// in that order, then one closing line "N passed, N failed" with the totals of every suite.
import { spawn } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { projectRoot } from "./prisma-env";
import { startTestDatabase, withDatabase } from "./test-database";
import { ensureChromium } from "./ensure-chromium";
import { runCommand } from "./run-command";

type Tally = { passed: number; failed: number };
/** Names of the failed tests, repeated after the summary so the last lines of a CI log say what broke. */
const failures: string[] = [];
const results: { step: string; tally: Tally; seconds: number }[] = [];
const outDir = path.join(projectRoot, "test-results", "summary");
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const bin = (name: string) => path.join(projectRoot, "node_modules", ".bin", name);
const polyfills = `--import ${path.join(projectRoot, "scripts", "node20-polyfills.mjs")}`;

function exec(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env, stdio: "inherit", cwd: projectRoot });
    child.on("error", () => resolve(1));
    child.on("exit", (code) => resolve(code ?? 1));
  });
}

async function step(name: string, run: () => Promise<Tally>): Promise<Tally> {
  console.log(`\n━━ ${name} ━━`);
  const started = Date.now();
  let tally: Tally;
  try {
    tally = await run();
  } catch (error) {
    console.error(error);
    tally = { passed: 0, failed: 1 };
  }
  results.push({ step: name, tally, seconds: Math.round((Date.now() - started) / 1000) });
  return tally;
}

/** A check that is not a test runner (typecheck, lint, build) counts as one test. */
const single = async (command: string, args: string[], env?: NodeJS.ProcessEnv): Promise<Tally> =>
  (await exec(command, args, env)) === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };

/** The first line of an error message, without terminal colours, at most 200 characters. */
function firstLine(message: string | undefined): string {
  const plain = (message ?? "").replace(/\u001b\[[0-9;]*m/g, "").trim();
  return (plain.split("\n")[0] ?? "").slice(0, 200);
}

async function vitest(project: string, env: NodeJS.ProcessEnv): Promise<Tally> {
  const report = path.join(outDir, `${project}.json`);
  const code = await exec(bin("vitest"), ["run", "--project", project, "--reporter=default", "--reporter=json", `--outputFile=${report}`], {
    ...env,
    NODE_OPTIONS: [env.NODE_OPTIONS, polyfills].filter(Boolean).join(" "),
  });
  if (!existsSync(report)) return { passed: 0, failed: 1 };
  const json = JSON.parse(readFileSync(report, "utf8")) as {
    numPassedTests: number;
    numFailedTests: number;
    testResults: { name: string; status: string; message?: string; assertionResults: { fullName: string; status: string; failureMessages: string[] }[] }[];
  };
  for (const file of json.testResults) {
    const where = path.relative(projectRoot, file.name);
    if (file.status === "failed" && file.assertionResults.every((a) => a.status !== "failed")) failures.push(`${project}: ${where}: ${firstLine(file.message)}`);
    for (const a of file.assertionResults.filter((r) => r.status === "failed")) failures.push(`${project}: ${where} › ${a.fullName}: ${firstLine(a.failureMessages[0])}`);
  }
  // A suite that failed to load has no failed tests but must still fail the run.
  const failed = json.numFailedTests + (code !== 0 && json.numFailedTests === 0 ? 1 : 0);
  return { passed: json.numPassedTests, failed };
}

// The e2e run's logs (web server: playwright.config.ts; everything the Playwright run prints, workers included:
// below), scanned for secrets after the stage by scripts/check-secret-logs.ts.
const e2eLogDir = path.join(projectRoot, ".data", "e2e-logs");

/** Like exec, but also appends the child's output to a log file. */
function execLogged(command: string, args: string[], env: NodeJS.ProcessEnv, logFile: string): Promise<number> {
  return new Promise((resolve) => {
    const log = createWriteStream(logFile, { flags: "a" });
    const child = spawn(command, args, { env, stdio: ["inherit", "pipe", "pipe"], cwd: projectRoot });
    child.stdout.on("data", (d: Buffer) => (process.stdout.write(d), log.write(d)));
    child.stderr.on("data", (d: Buffer) => (process.stderr.write(d), log.write(d)));
    child.on("error", () => log.end(() => resolve(1)));
    child.on("exit", (code) => log.end(() => resolve(code ?? 1)));
  });
}

type PlaywrightSuite = {
  title: string;
  file?: string;
  suites?: PlaywrightSuite[];
  specs?: { title: string; file: string; line: number; tests: { results: { status: string; error?: { message?: string } }[] }[] }[];
};

function collectPlaywrightFailures(suites: PlaywrightSuite[]): void {
  for (const suite of suites) {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests) {
        const bad = test.results.find((r) => r.status !== "passed" && r.status !== "skipped");
        if (bad) failures.push(`e2e: ${spec.file}:${spec.line} › ${spec.title}: ${bad.status} ${firstLine(bad.error?.message)}`);
      }
    }
    collectPlaywrightFailures(suite.suites ?? []);
  }
}

async function playwright(env: NodeJS.ProcessEnv): Promise<Tally> {
  const report = path.join(outDir, "e2e.json");
  rmSync(e2eLogDir, { recursive: true, force: true });
  mkdirSync(e2eLogDir, { recursive: true });
  const code = await execLogged(bin("playwright"), ["test"], { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: report }, path.join(e2eLogDir, "playwright-output.log"));
  if (!existsSync(report)) return { passed: 0, failed: 1 };
  const json = JSON.parse(readFileSync(report, "utf8")) as { stats: { expected: number; unexpected: number; flaky: number }; suites?: PlaywrightSuite[] };
  collectPlaywrightFailures(json.suites ?? []);
  const failed = json.stats.unexpected + json.stats.flaky + (code !== 0 && json.stats.unexpected === 0 ? 1 : 0);
  return { passed: json.stats.expected, failed };
}

// One AUTH_SECRET for the seed and the app under test: workspace signing keys are sealed with it.
const baseEnv: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1", AUTH_SECRET: process.env.AUTH_SECRET ?? "e2e-secret-e2e-secret-e2e-secret" };
delete baseEnv.ROLLCALL_DEMO;

await step("typecheck", async () => {
  const gen = await single(bin("next"), ["typegen"], baseEnv);
  if (gen.failed) return gen;
  const app = await single(bin("tsc"), ["--noEmit", "-p", "tsconfig.json"]);
  const tools = await single(bin("tsc"), ["--noEmit", "-p", "tsconfig.tools.json"]);
  return { passed: app.passed + tools.passed, failed: app.failed + tools.failed };
});
await step("lint", () => single(bin("eslint"), ["--max-warnings=0", "."]));
await step("unit tests", () => vitest("unit", baseEnv));

console.log("\nStarting a test PostgreSQL…");
const database = await startTestDatabase();
try {
  await step("db tests", () => vitest("db", { ...baseEnv, TEST_PG_ADMIN_URL: database.adminUrl, TEST_TEMPLATE_DB: "rollcall_test_template" }));
  const build = await step("next build", () => single(bin("next"), ["build"], { ...baseEnv, NODE_ENV: "production" }));
  // Every benchmark at ~1/100 size on its own embedded PostgreSQL (not this run's: its template serves
  // e2e), to keep the bench code working; no timing is asserted. One test per bench.
  await step("bench (quick)", async () => {
    const summary = path.join(projectRoot, ".data", "bench", "results-quick.json");
    rmSync(summary, { force: true });
    const { DATABASE_URL: _ignored, ...env } = baseEnv;
    await exec(bin("tsx"), [path.join("scripts", "bench.ts"), "--quick"], env);
    if (!existsSync(summary)) return { passed: 0, failed: 1 };
    const { benches } = JSON.parse(readFileSync(summary, "utf8")) as { benches: { status: string }[] };
    return { passed: benches.filter((b) => b.status === "passed").length, failed: benches.filter((b) => b.status !== "passed").length };
  });
  await step("e2e", async () => {
    if (build.failed) throw new Error("skipped: the build failed");
    const chromium = await ensureChromium();
    const url = await database.createDatabase("rollcall_e2e");
    await runCommand(bin("tsx"), ["prisma/seed.ts"], { ...baseEnv, DATABASE_URL: url }, true);
    return playwright({ ...baseEnv, DATABASE_URL: url, CHROMIUM_PATH: chromium });
  });
  await step("secret scan", () => single(bin("tsx"), ["scripts/check-secret-logs.ts"], { ...baseEnv, DATABASE_URL: withDatabase(database.adminUrl, "rollcall_e2e") }));
} finally {
  await database.stop();
}

console.log("\n━━ summary ━━");
for (const r of results) console.log(`${r.step.padEnd(13)} ${String(r.tally.passed).padStart(4)} passed ${String(r.tally.failed).padStart(3)} failed  ${r.seconds}s`);
const passed = results.reduce((n, r) => n + r.tally.passed, 0);
const failed = results.reduce((n, r) => n + r.tally.failed, 0);
if (failures.length) {
  console.log("\nfailed:");
  for (const f of failures) console.log(`  ✗ ${f}`);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
