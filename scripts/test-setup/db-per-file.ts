// Vitest setup for *.db.test.ts: each test file gets its own database cloned from the migrated
// template, so files run in parallel without seeing each other's rows.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll } from "vitest";

const adminUrl = process.env.TEST_PG_ADMIN_URL;
const template = process.env.TEST_TEMPLATE_DB;
if (!adminUrl || !template) throw new Error("db tests need a test database: run them with `npm run test:db` (scripts/with-test-db.ts).");

const name = `rollcall_t_${randomBytes(6).toString("hex")}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
await admin.end();

const url = new URL(adminUrl);
url.pathname = `/${name}`;
process.env.DATABASE_URL = url.toString();

afterAll(async () => {
  const { disconnectDb } = await import("../../lib/db");
  await disconnectDb();
  const { stopBoss } = await import("../../lib/jobs/boss");
  await stopBoss();
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await c.end();
});
