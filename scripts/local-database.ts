import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres, type EmbeddedServer } from "./embedded-pg";
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

/** DATABASE_URL if given; otherwise the persistent embedded server in .data/pg. */
export async function localDatabase(): Promise<{ url: string; server: EmbeddedServer | null }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, server: null };
  const server = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "pg"), persistent: true });
  await ensureDatabase(server.url("postgres"), "rollcall");
  return { url: server.url("rollcall"), server };
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
