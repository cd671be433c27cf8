import pg from "pg";
import { env } from "@/lib/env";

/** Thrown when another process holds the lock: the job fails this attempt and pg-boss retries it later. */
export class LockBusyError extends Error {}

/**
 * Runs `work` while holding a session-level advisory lock on a connection of its own, for jobs that
 * span many transactions (a campaign launch commits chunk by chunk). If a worker dies, its connection
 * closes and PostgreSQL releases the lock at once; if it is merely slow and pg-boss hands its job to a
 * second worker, the second finds the lock taken and stands down instead of doing the work twice.
 */
export async function withSessionLock<T>(key: string, work: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: env().DATABASE_URL, application_name: "rollcall-job-lock" });
  await client.connect();
  try {
    const { rows } = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS ok", [key]);
    if (!rows[0]?.ok) throw new LockBusyError(`${key} is being worked on by another worker`);
    return await work();
  } finally {
    // Ending the session releases the lock (no explicit unlock needed, and none can be forgotten).
    await client.end().catch(() => undefined);
  }
}
