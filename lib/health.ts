import { db } from "@/lib/db";

/** Liveness plus the one dependency that matters: can we reach PostgreSQL and is the schema migrated. */
export async function checkHealth() {
  try {
    const rows = await db.$queryRaw<{ n: bigint }[]>`SELECT count(*)::bigint AS n FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`;
    return { ok: true, database: "up", migrations: Number(rows[0]?.n ?? 0), version: process.env.npm_package_version ?? "0.1.0" };
  } catch {
    return { ok: false, database: "down" };
  }
}
