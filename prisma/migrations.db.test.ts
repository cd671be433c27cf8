import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import pg from "pg";
import { prismaCliPath, prismaEnv } from "../scripts/prisma-env";

// Runs the real Prisma CLI (through the schema-engine stand-in when the native binary is absent),
// so an upgrade that breaks offline migrations fails here first.
function prisma(args: string[], databaseUrl: string) {
  const result = spawnSync(process.execPath, [prismaCliPath(), ...args], { env: prismaEnv({ ...process.env, DATABASE_URL: databaseUrl }), encoding: "utf8", timeout: 180_000 });
  return { code: result.status, output: `${result.stdout}\n${result.stderr}` };
}

async function emptyDatabase(name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: process.env.TEST_PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(process.env.TEST_PG_ADMIN_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}

describe("migrations", () => {
  it("apply to an empty database with migrate deploy", async () => {
    const url = await emptyDatabase(`rollcall_migrate_${process.pid}`);
    const deploy = prisma(["migrate", "deploy"], url);
    expect(deploy.output).toContain("successfully applied");
    expect(deploy.code).toBe(0);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const tables = await client.query(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_name IN ('Workspace','Identity','ReviewItem','Decision','AuditEvent','EvidencePack','ApiKey','VerificationToken')`);
    await client.end();
    expect(tables.rows[0].n).toBe(8);
  });

  it("match the schema exactly (migrate diff finds no difference)", async () => {
    const url = await emptyDatabase(`rollcall_diff_${process.pid}`);
    const diff = prisma(["migrate", "diff", "--from-migrations", "prisma/migrations", "--to-schema", "prisma/schema.prisma", "--exit-code"], url);
    expect(diff.output).toContain("No difference detected");
    expect(diff.code).toBe(0);
  });
});
