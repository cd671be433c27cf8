// The worker thread behind parseFileInWorker: reads one audit-log file and posts its records in
// batches (ParsedBatch), then null. It waits for a "more" from the ingestion for every batch beyond
// BATCHES_AHEAD, so a slow database never makes it hold the whole file in memory.
import { createReadStream, readFileSync, statSync } from "node:fs";
import { createInterface } from "node:readline";
import { parentPort, workerData } from "node:worker_threads";
import type { EventFormat } from "@/lib/events/schema";
import { eventFormatSpecs } from "@/lib/events/formats/registry";
import { normalizeText, type LocatedOutcome } from "@/lib/events/normalize-text";
import { BatchBuilder, RECORDS_PER_BATCH } from "@/lib/events/parsed-batch";
import { BATCHES_AHEAD } from "@/lib/events/parse-file";

/** Files above this are read line by line (JSON lines) instead of as one document. */
const STREAM_ABOVE_BYTES = 64 * 1024 * 1024;

const port = parentPort!;
const { file, format } = workerData as { file: string; format: EventFormat };
const spec = eventFormatSpecs[format];

let credits = BATCHES_AHEAD;
let wake: (() => void) | null = null;
port.on("message", () => {
  credits++;
  const w = wake;
  wake = null;
  w?.();
});

async function* records(): AsyncIterable<LocatedOutcome> {
  if (statSync(file).size <= STREAM_ABOVE_BYTES) {
    yield* normalizeText(spec, readFileSync(file, "utf8"));
    return;
  }
  let lineNo = 0;
  for await (const line of createInterface({ input: createReadStream(file, "utf8"), crlfDelay: Infinity })) {
    lineNo++;
    if (!line.trim()) continue;
    for (const located of normalizeText(spec, line)) yield { ...located, at: located.at.replace(/^(line 1|record 1)/, `line ${lineNo}`) };
  }
}

const builder = new BatchBuilder();
async function post() {
  const batch = builder.drain();
  if (!batch) return;
  while (credits <= 0) await new Promise<void>((resolve) => (wake = resolve));
  credits--;
  port.postMessage(batch, [batch.tails.buffer as ArrayBuffer]);
}

for await (const located of records()) {
  builder.take(located);
  if (builder.size >= RECORDS_PER_BATCH) await post();
}
await post();
port.postMessage(null);
