// The worker thread behind parseFileInWorker: reads one audit-log file and posts its records in
// batches (ParsedBatch), then null. It waits for a "more" from the ingestion for every batch beyond
// BATCHES_AHEAD, so a slow database never makes it hold the whole file in memory.
import { createReadStream, readFileSync, statSync } from "node:fs";
import { createInterface } from "node:readline";
import { parentPort, workerData } from "node:worker_threads";
import type { EventFormat } from "@/lib/events/schema";
import { eventFormatSpecs } from "@/lib/events/formats/registry";
import { normalizeText, type LocatedOutcome } from "@/lib/events/normalize-text";
import { prepareEventText } from "@/lib/events/insert-events";
import { BATCHES_AHEAD, type ParsedBatch } from "@/lib/events/parse-file";

const RECORDS_PER_BATCH = 2000;
/** Files above this are read line by line (JSON lines) instead of as one document. */
const STREAM_ABOVE_BYTES = 64 * 1024 * 1024;
const SAMPLES = 20;

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

type Pending = Omit<ParsedBatch, "tails" | "tailEnds"> & { tails: string[] };
const empty = (): Pending => ({ records: 0, skipped: 0, unknown: [], unknownBeyondSamples: 0, events: [], tails: [] });
let batch = empty();
let samples = 0;

function take({ at, outcome, text }: LocatedOutcome) {
  batch.records++;
  if (outcome.status === "skipped") batch.skipped++;
  else if (outcome.status === "unknown") {
    if (samples++ < SAMPLES) batch.unknown.push({ at, reason: outcome.reason });
    else batch.unknownBeyondSamples++;
  } else {
    const prepared = prepareEventText(outcome.event, text);
    batch.events.push(prepared.event);
    batch.tails.push(prepared.tail);
  }
}

/** The tails as UTF-8, back to back in a buffer of their own (transferable), and where each ends. */
function encodeTails(tails: string[]): { tails: Uint8Array; tailEnds: number[] } {
  const text = tails.join("");
  const out = Buffer.from(new ArrayBuffer(Buffer.byteLength(text)));
  out.write(text);
  const tailEnds: number[] = [];
  let at = 0;
  // ASCII text (the usual case) has as many bytes as characters; otherwise each tail is measured.
  const ascii = out.length === text.length;
  for (const t of tails) tailEnds.push((at += ascii ? t.length : Buffer.byteLength(t)));
  return { tails: out, tailEnds };
}

async function post(force: boolean) {
  if (!batch.records || (!force && batch.records < RECORDS_PER_BATCH)) return;
  while (credits <= 0) await new Promise<void>((resolve) => (wake = resolve));
  credits--;
  const encoded = encodeTails(batch.tails);
  const message: ParsedBatch = { ...batch, ...encoded };
  port.postMessage(message, [encoded.tails.buffer as ArrayBuffer]);
  batch = empty();
}

if (statSync(file).size <= STREAM_ABOVE_BYTES) {
  for (const located of normalizeText(spec, readFileSync(file, "utf8"))) {
    take(located);
    await post(false);
  }
} else {
  let lineNo = 0;
  for await (const line of createInterface({ input: createReadStream(file, "utf8"), crlfDelay: Infinity })) {
    lineNo++;
    if (!line.trim()) continue;
    for (const located of normalizeText(spec, line)) take({ ...located, at: located.at.replace(/^(line 1|record 1)/, `line ${lineNo}`) });
    await post(false);
  }
}
await post(true);
port.postMessage(null);
