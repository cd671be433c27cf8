import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "../embedded-pg";
import { migrate } from "../local-database";
import { withDatabase } from "../test-database";

/** Set by scripts/bench.ts: a migrated database on the DATABASE_URL server to clone instead of migrating. */
export const BENCH_TEMPLATE_ENV = "ROLLCALL_BENCH_TEMPLATE";

/**
 * A fresh, migrated database for a benchmark: on the server at DATABASE_URL when set (a database named
 * `name` is dropped and recreated there), otherwise on an embedded PostgreSQL in a temporary directory.
 */
export async function benchDatabase(name: string): Promise<{ url: string; stop: () => Promise<void> }> {
  let adminUrl = process.env.DATABASE_URL;
  let stopServer = async () => {};
  if (!adminUrl) {
    const dir = mkdtempSync(path.join(tmpdir(), "rollcall-bench-pg-"));
    const server = await startEmbeddedPostgres({ dataDir: path.join(dir, "data"), persistent: false });
    adminUrl = server.url("postgres");
    stopServer = async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  const template = process.env[BENCH_TEMPLATE_ENV];
  await admin.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ""}`);
  await admin.end();
  const url = withDatabase(adminUrl, name);
  if (!template) await migrate(url);
  return {
    url,
    async stop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
      await c.end();
      await stopServer();
    },
  };
}
