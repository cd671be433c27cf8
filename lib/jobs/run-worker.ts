import { db } from "@/lib/db";
import { getBoss, stopBoss } from "@/lib/jobs/boss";
import { jobs } from "@/lib/jobs/registry";

/** Creates every queue, registers its handler and schedule, and returns a function that stops cleanly. */
export async function runWorker(): Promise<() => Promise<void>> {
  // The database client's first query loads its query compiler (≈ 0.8 s of CPU here): do it now, so
  // it is part of starting up rather than of whichever job comes first (and a bad DATABASE_URL fails here).
  await db.workspace.findFirst({ select: { id: true } });
  const boss = await getBoss({ worker: true });
  for (const job of jobs) {
    await boss.createQueue(job.name).catch((error: unknown) => {
      if (!String(error).includes("already exists")) throw error;
    });
    await boss.work<unknown>(job.name, async (batch) => {
      for (const item of batch) {
        // Parse again: a job row written by an older release must still match today's schema.
        // The union of all jobs' handlers only accepts the intersection of inputs; each job's own
        // schema has just parsed this input, so widening to unknown is sound here.
        await (job.handle as (input: unknown) => Promise<void>)(job.input.parse(item.data ?? {}));
      }
    });
    if (job.cron) await boss.schedule(job.name, job.cron, {}, { tz: "UTC" });
  }
  console.log(`[worker] ready: ${jobs.map((j) => j.name).join(", ")}`);
  return stopBoss;
}

/** Queues must exist before anything sends to them (web, tests); safe to call repeatedly. */
export async function ensureQueues(): Promise<void> {
  const boss = await getBoss();
  for (const job of jobs) {
    await boss.createQueue(job.name).catch((error: unknown) => {
      if (!String(error).includes("already exists")) throw error;
    });
  }
}
