import { Worker } from "node:worker_threads";
import type { EventFormat } from "@/lib/events/schema";
import type { ParsedBatch } from "@/lib/events/parsed-batch";

/** Batches the worker may have parsed ahead of the ingestion (bounded memory: 32 × 2,000 events, ≈ 100 MB). */
export const BATCHES_AHEAD = 32;

/**
 * Reads an audit-log file on a worker thread — split into records, parsed, normalized and turned into
 * binary COPY fields there — so the ingestion's own thread only matches, stores and evaluates. Batches
 * arrive in file order; the worker stays at most BATCHES_AHEAD batches ahead. A failure of the
 * worker (unreadable file) is thrown from the iteration; leaving the loop early stops the worker.
 */
export async function* parseFileInWorker(file: string, format: EventFormat, workspaceId: string): AsyncGenerator<ParsedBatch> {
  const worker = new Worker(new URL("./parse-file-worker-entry.mjs", import.meta.url), { workerData: { file, format, workspaceId }, resourceLimits: { maxYoungGenerationSizeMb: 96 } });
  const queue: ParsedBatch[] = [];
  let done = false;
  let error: unknown = null;
  let wake: (() => void) | null = null;
  const poke = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  worker.on("message", (batch: ParsedBatch | null) => {
    if (batch) queue.push(batch);
    else done = true;
    poke();
  });
  worker.on("error", (e) => {
    error = e;
    poke();
  });
  worker.on("exit", (code) => {
    if (!done && !error) error = new Error(`the file parser stopped early (exit code ${code})`);
    poke();
  });
  try {
    for (;;) {
      const batch = queue.shift();
      if (batch) {
        worker.postMessage("more");
        yield batch;
      } else if (error) throw error;
      else if (done) return;
      else await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    await worker.terminate();
  }
}
