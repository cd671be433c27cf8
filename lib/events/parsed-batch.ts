import type { LocatedOutcome } from "@/lib/events/normalize-text";
import type { NormalizedEvent } from "@/lib/events/types";
import { prepareEventText } from "@/lib/events/insert-events";

/** Unreadable records named in a report (where and why); beyond these they are only counted. */
export const UNKNOWN_SAMPLES = 20;

/** Records handed to the ingestion at a time. */
export const RECORDS_PER_BATCH = 2000;

/**
 * Records of a file, parsed and normalized: how many there were, how many were skipped, the
 * unreadable ones (named up to UNKNOWN_SAMPLES per file, then only counted) and the events, prepared
 * for a chunk: keys bounded, raw records dropped, their COPY line tails back to back in one buffer of
 * its own (transferable to another thread), event i's ending at tailEnds[i].
 */
export type ParsedBatch = {
  records: number;
  skipped: number;
  unknown: { at: string; reason: string }[];
  unknownBeyondSamples: number;
  events: NormalizedEvent[];
  tails: Uint8Array;
  tailEnds: number[];
};

/** Gathers one file's normalized records into ParsedBatches (the API's text and the file parser's worker alike). */
export class BatchBuilder {
  private records = 0;
  private skipped = 0;
  private unknown: ParsedBatch["unknown"] = [];
  private unknownBeyondSamples = 0;
  private events: NormalizedEvent[] = [];
  private tails: string[] = [];
  private samples = 0;

  /** Records taken since the last `drain`. */
  get size(): number {
    return this.records;
  }

  take({ at, outcome, text }: LocatedOutcome): void {
    this.records++;
    if (outcome.status === "skipped") this.skipped++;
    else if (outcome.status === "unknown") {
      if (this.samples++ < UNKNOWN_SAMPLES) this.unknown.push({ at, reason: outcome.reason });
      else this.unknownBeyondSamples++;
    } else {
      const prepared = prepareEventText(outcome.event, text);
      this.events.push(prepared.event);
      this.tails.push(prepared.tail);
    }
  }

  /** The batch taken so far (null when nothing was), and a new one begun. */
  drain(): ParsedBatch | null {
    if (!this.records) return null;
    const batch: ParsedBatch = { records: this.records, skipped: this.skipped, unknown: this.unknown, unknownBeyondSamples: this.unknownBeyondSamples, events: this.events, ...encodeTails(this.tails) };
    this.records = this.skipped = this.unknownBeyondSamples = 0;
    this.unknown = [];
    this.events = [];
    this.tails = [];
    return batch;
  }
}

/** The records of a text in batches, parsed on the calling thread. */
export function* parsedBatches(records: Iterable<LocatedOutcome>): Iterable<ParsedBatch> {
  const builder = new BatchBuilder();
  for (const located of records) {
    builder.take(located);
    if (builder.size >= RECORDS_PER_BATCH) yield builder.drain()!;
  }
  const last = builder.drain();
  if (last) yield last;
}

/** The tails as UTF-8, back to back in a buffer of their own, and where each ends. */
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
