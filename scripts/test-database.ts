import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "./embedded-pg";
import { migrate } from "./local-database";

export const TEMPLATE_DB = "rollcall_test_template";

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin<T>(adminUrl: string, run: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/**
 * A PostgreSQL server for tests: the one at DATABASE_URL if given, otherwise an embedded server in a
 * throwaway directory. A migrated template database is made once; each test file clones it.
 */
export async function startTestDatabase() {
  let stopServer = async () => {};
  let adminUrl: string;
  if (process.env.DATABASE_URL) {
    adminUrl = process.env.DATABASE_URL;
  } else {
    const dir = mkdtempSync(path.join(tmpdir(), "rollcall-test-pg-"));
    const server = await startEmbeddedPostgres({ dataDir: path.join(dir, "data"), persistent: false });
    adminUrl = server.url("postgres");
    stopServer = async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  await admin(adminUrl, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  });
  await migrate(withDatabase(adminUrl, TEMPLATE_DB));
  return {
    adminUrl,
    /** A fresh, migrated database cloned from the template; returns its URL. */
    async createDatabase(name: string): Promise<string> {
      await admin(adminUrl, async (c) => {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await c.query(`CREATE DATABASE "${name}" TEMPLATE ${TEMPLATE_DB}`);
      });
      return withDatabase(adminUrl, name);
    },
    async stop() {
      await admin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`)).catch(() => undefined);
      await stopServer();
    },
  };
}

export { withDatabase };
