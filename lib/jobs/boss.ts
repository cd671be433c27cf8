import { PgBoss } from "pg-boss";
import { env } from "@/lib/env";

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
