// Runs a command with a test PostgreSQL: `tsx scripts/with-test-db.ts vitest run --project db`.
// Children get TEST_PG_ADMIN_URL + TEST_TEMPLATE_DB (db tests clone a database per file) and, for e2e,
// DATABASE_URL of a seeded database.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { startTestDatabase, TEMPLATE_DB } from "./test-database";
import { runCommand } from "./run-command";

export async function withTestDatabase(command: string[], extraEnv: Record<string, string | undefined> = {}): Promise<number> {
  const database = await startTestDatabase();
  try {
    const e2eUrl = await database.createDatabase("rollcall_e2e");
    const env = { ...process.env, AUTH_SECRET: process.env.AUTH_SECRET ?? "e2e-secret-e2e-secret-e2e-secret", ...extraEnv, TEST_PG_ADMIN_URL: database.adminUrl, TEST_TEMPLATE_DB: TEMPLATE_DB, DATABASE_URL: e2eUrl };
    if (command[0] === "playwright") {
      const tsx = createRequire(import.meta.url).resolve("tsx/cli");
      await runCommand(process.execPath, [tsx, "prisma/seed.ts"], env, true);
    }
    return await new Promise<number>((resolve) => {
      const child = spawn("npx", command, { env, stdio: "inherit" });
      child.on("exit", (code) => resolve(code ?? 1));
    });
  } finally {
    await database.stop();
  }
}

if (process.argv[1]?.endsWith("with-test-db.ts")) {
  const code = await withTestDatabase(process.argv.slice(2));
  process.exit(code);
}
