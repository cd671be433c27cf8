// Runs chosen pg-boss jobs for an e2e spec in a child process (tsx, like the real worker), without the
// worker's cron schedules: `tsx e2e/job-runner.ts campaigns.launch reviews.remind-now`. With
// `--ensure-queues` it only creates every queue (so the web app can enqueue) and exits.
import { getBoss, stopBoss } from "../lib/jobs/boss";
import { jobsByName, type JobName } from "../lib/jobs/registry";
import { ensureQueues } from "../lib/jobs/run-worker";
import { disconnectDb } from "../lib/db";

const names = process.argv.slice(2).filter((a) => !a.startsWith("--")) as JobName[];
await ensureQueues();
if (process.argv.includes("--ensure-queues")) {
  await stopBoss();
  process.exit(0);
}
const boss = await getBoss();
for (const name of names) {
  const job = jobsByName[name];
  if (!job) throw new Error(`Unknown job ${name}`);
  await boss.work<object>(name, { pollingIntervalSeconds: 0.5 }, async (batch) => {
    for (const item of batch) await (job.handle as (input: unknown) => Promise<void>)(job.input.parse(item.data ?? {}));
  });
}
console.log(`[job-runner] ready: ${names.join(", ")}`);
process.on("SIGTERM", () => void stopBoss().then(disconnectDb).finally(() => process.exit(0)));
