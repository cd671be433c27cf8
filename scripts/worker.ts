import { runWorker } from "../lib/jobs/run-worker";
import { disconnectDb } from "../lib/db";

// The pg-boss worker: runs every job in lib/jobs/registry.ts until SIGINT/SIGTERM.
const stop = await runWorker();
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log(`[worker] ${signal}: finishing current jobs…`);
    void stop()
      .then(disconnectDb)
      .finally(() => process.exit(0));
  });
}
