import { PgBoss } from "pg-boss";
import { env } from "@/lib/env";

const superviseSeconds = () => Math.max(0, Math.floor(Number(process.env.ROLLCALL_JOB_SUPERVISE_SECONDS) || 0)) || undefined;

/**
 * Every job carries a heartbeat: if the worker running it dies (SIGKILL, OOM, lost host) the beats
 * stop and pg-boss fails the attempt after this many seconds, and the retry starts. Generous, because
 * a long synchronous step (parsing a large upload) delays beats. ROLLCALL_JOB_HEARTBEAT_SECONDS
 * overrides it (pg-boss minimum: 10; the worker-crash test uses 10).
 */
export const jobHeartbeatSeconds = () => Math.max(10, Math.floor(Number(process.env.ROLLCALL_JOB_HEARTBEAT_SECONDS) || 120));
/**
 * With the heartbeat telling live from dead, expiry only bounds a handler that is alive but stuck.
 * pg-boss's 15-minute default would fail (and re-run, overlapping) a full-size import or launch that
 * is still working.
 */
export const JOB_EXPIRE_SECONDS = 4 * 60 * 60;

const globalForBoss = globalThis as unknown as { rollcallBoss?: Promise<PgBoss> };

/**
 * A started pg-boss instance for this process. Web processes only send (no maintenance, no cron);
 * the worker passes `{ worker: true }` to supervise queues and run schedules.
 */
export function getBoss(options: { worker?: boolean } = {}): Promise<PgBoss> {
  if (!globalForBoss.rollcallBoss) {
    const boss = new PgBoss({
      connectionString: env().DATABASE_URL,
      max: options.worker ? 5 : 2,
      supervise: Boolean(options.worker),
      schedule: Boolean(options.worker),
      // How often the worker looks for jobs whose worker died (stale heartbeat) or expired; pg-boss's
      // default is 60 s. Tests that kill a worker set ROLLCALL_JOB_SUPERVISE_SECONDS=1.
      ...(superviseSeconds() ? { superviseIntervalSeconds: superviseSeconds(), monitorIntervalSeconds: superviseSeconds() } : {}),
    });
    // One line per error: pg-boss retries on its own, and a full pg error object buries the message.
    boss.on("error", (error: unknown) => console.error("[jobs]", error instanceof Error ? error.message : error));
    globalForBoss.rollcallBoss = boss.start().then(() => boss);
  }
  return globalForBoss.rollcallBoss;
}

export async function stopBoss(): Promise<void> {
  const pending = globalForBoss.rollcallBoss;
  globalForBoss.rollcallBoss = undefined;
  if (pending) await (await pending).stop({ graceful: true, timeout: 10_000 });
}
