import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { prismaCliPath, prismaEnv, projectRoot } from "./prisma-env";
import { runCommand } from "./run-command";

export const dataDir = path.join(projectRoot, ".data");

/** Creates the database if it is missing (first start, or a fresh test database). */
export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}

/**
 * DATABASE_URL if given; otherwise the persistent embedded server in .data/pg, run by scripts/db-server.ts
 * in its own process group (see there). `stop` shuts the embedded server down; a no-op for DATABASE_URL.
 */
export async function localDatabase(): Promise<{ url: string; stop: () => Promise<void> }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => {} };
  const tsx = createRequire(import.meta.url).resolve("tsx/cli");
  const child = spawn(process.execPath, [tsx, path.join(projectRoot, "scripts", "db-server.ts")], {
    cwd: projectRoot,
    detached: true,
    stdio: ["pipe", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let buffered = "";
    child.stdout.on("data", (chunk: Buffer) => {
      buffered += chunk.toString();
      const line = buffered.split("\n").find((l) => l.startsWith("{"));
      if (line) resolve((JSON.parse(line) as { url: string }).url);
    });
    child.on("exit", (code) => reject(new Error(`the embedded PostgreSQL did not start (exit ${code})`)));
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  return { url, stop };
}

export async function migrate(url: string): Promise<void> {
  await runCommand(process.execPath, [prismaCliPath(), "migrate", "deploy"], prismaEnv({ ...process.env, DATABASE_URL: url }), true);
}

/** A per-installation AUTH_SECRET kept in .data so sessions survive restarts. */
export function authSecret(): string {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  const file = path.join(dataDir, "auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
