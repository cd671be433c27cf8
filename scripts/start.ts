// `npm start`: one command from nothing to a running Rollcall. Starts an embedded PostgreSQL in .data/pg
// unless DATABASE_URL is set, migrates, seeds the demo once, builds if needed, runs web + worker.
import { createRequire } from "node:module";
import type { ChildProcess } from "node:child_process";
import { authSecret, localDatabase, migrate } from "./local-database";
import { buildIfNeeded } from "./build-if-needed";
import { startChild, stopChild, runCommand } from "./run-command";
import { workerCommand } from "./worker-command";

const dev = process.argv.includes("--dev");
const port = process.env.PORT ?? "3000";
const embedded = !process.env.DATABASE_URL;

console.log(embedded ? "Starting embedded PostgreSQL in .data/pg…" : "Using the PostgreSQL at DATABASE_URL.");
const database = await localDatabase();
const url = database.url;
const env: NodeJS.ProcessEnv = {
  ...process.env,
  DATABASE_URL: url,
  AUTH_SECRET: authSecret(),
  AUTH_TRUST_HOST: "true",
  // The embedded database is the demo; with a real DATABASE_URL the demo door stays shut unless asked for.
  ROLLCALL_DEMO: process.env.ROLLCALL_DEMO ?? (embedded ? "1" : "0"),
  ROLLCALL_BASE_URL: process.env.ROLLCALL_BASE_URL ?? `http://localhost:${port}`,
  NEXT_TELEMETRY_DISABLED: "1",
  CHECKPOINT_DISABLE: "1",
};

const children: ChildProcess[] = [];
let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  console.log("\nStopping Rollcall…");
  await Promise.all(children.map((c) => stopChild(c)));
  await database.stop();
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

try {
  console.log("Applying migrations…");
  await migrate(url);
  if (env.ROLLCALL_DEMO === "1") await runCommand(process.execPath, [createRequire(import.meta.url).resolve("tsx/cli"), "prisma/seed.ts"], env);
  if (!dev) await buildIfNeeded(env);
} catch (error) {
  console.error(String(error instanceof Error ? error.message : error));
  await shutdown(1);
}

const next = createRequire(import.meta.url).resolve("next/dist/bin/next");
const tsx = createRequire(import.meta.url).resolve("tsx/cli");
// Production: Next.js behind scripts/web-server.ts, which answers Slack's Request URL itself; dev: `next dev`.
const web = dev ? [next, "dev", "-p", port] : [tsx, "scripts/web-server.ts", "-p", port];
children.push(startChild("web", process.execPath, web, { ...env, NODE_ENV: dev ? "development" : "production" }));
const worker = workerCommand(tsx);
children.push(startChild("worker", worker.command, worker.args, env));
for (const child of children) child.on("exit", () => void shutdown(1));

console.log(`
Rollcall is starting at http://localhost:${port}
${env.ROLLCALL_DEMO === "1"
  ? `Sign in: open http://localhost:${port}/signin and pick a demo person (Admin, Compliance manager, Auditor or an owner).`
  : "Sign in with your configured SSO (OIDC_*) or email link (SMTP_URL)."}
Data: ${embedded ? ".data/pg (kept between runs)" : "DATABASE_URL"}. Press Ctrl-C to stop.
`);
