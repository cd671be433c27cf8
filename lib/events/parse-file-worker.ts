// The worker thread behind parseFileInWorker: reads one audit-log file and posts its records in
// batches (ParsedBatch), then null. It waits for a "more" from the ingestion for every batch beyond
// BATCHES_AHEAD, so a slow database never makes it hold the whole file in memory.
import { readFileSync, statSync } from "node:fs";
import { isUtf8 } from "node:buffer";
import { parentPort, workerData } from "node:worker_threads";
import type { EventFormat } from "@/lib/events/schema";
import { eventFormatSpecs } from "@/lib/events/formats/registry";
import { normalizeText } from "@/lib/events/normalize-text";
import { BatchBuilder, RECORDS_PER_BATCH } from "@/lib/events/parsed-batch";
import { BATCHES_AHEAD } from "@/lib/events/parse-file";
import { blockLines, lineBlocks } from "@/lib/events/line-blocks";

/** Files up to this size that are not JSON lines are read whole, as one JSON document. */
const WHOLE_FILE_BYTES = 64 * 1024 * 1024;

const port = parentPort!;
const { file, format, workspaceId } = workerData as { file: string; format: EventFormat; workspaceId: string };
const spec = eventFormatSpecs[format];

let credits = BATCHES_AHEAD;
let wake: (() => void) | null = null;
port.on("message", () => {
  credits++;
  const w = wake;
  wake = null;
  w?.();
});

const builder = new BatchBuilder(workspaceId, format);
async function post() {
  const batch = builder.drain();
  if (!batch) return;
  while (credits <= 0) await new Promise<void>((resolve) => (wake = resolve));
  credits--;
  port.postMessage(batch, [batch.tails.buffer as ArrayBuffer]);
}

const isJson = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

/**
 * The file as JSON lines, read as bytes: each line's text is parsed and, when the line is one record,
 * its bytes are kept as the raw record. Returns false, having taken nothing, when the file turns out
 * not to be JSON lines (its first line is not JSON: a document spread over lines) and is small enough
 * to be read whole instead.
 */
async function readJsonLines(): Promise<boolean> {
  const small = statSync(file).size <= WHOLE_FILE_BYTES;
  let lineNo = 0;
  let first = true;
  for await (const block of lineBlocks(file)) {
    for (const line of blockLines(block)) {
      lineNo++;
      if (!line.length) continue;
      const text = line.toString("utf8");
      if (first) {
        first = false;
        if (small && !isJson(text)) return false;
      }
      // Bytes that are not UTF-8 were decoded with replacement characters: then the text is stored, not the bytes.
      const bytes = isUtf8(line) ? line : undefined;
      for (const located of normalizeText(spec, text)) {
        const own = located.text === text;
        if (located.outcome.status === "unknown") located.at = own || located.at === "line 1" ? `line ${lineNo}` : `line ${lineNo} ${located.at}`;
        builder.take(located, own ? bytes : undefined);
        if (builder.size >= RECORDS_PER_BATCH) await post();
      }
    }
  }
  return true;
}

if (!(await readJsonLines())) {
  for (const located of normalizeText(spec, readFileSync(file, "utf8"))) {
    builder.take(located);
    if (builder.size >= RECORDS_PER_BATCH) await post();
  }
}
await post();
port.postMessage(null);
