import type { LocatedOutcome } from "@/lib/events/normalize-text";
import type { ParsedEvent } from "@/lib/events/types";
import { CopyRows, copyText } from "@/lib/events/copy-binary";
import { EventIds, boundedKey, dedupeHash } from "@/lib/events/event-keys";

/** Unreadable records named in a report (where and why); beyond these they are only counted. */
export const UNKNOWN_SAMPLES = 20;

/** Records handed to the ingestion at a time. */
export const RECORDS_PER_BATCH = 2000;

/**
 * Records of a file, parsed and normalized for one workspace: how many there were, how many were
 * skipped, the unreadable ones (named up to UNKNOWN_SAMPLES per file, then only counted) and the
 * events, prepared for a chunk: each with its row id and idempotency hash, and its binary COPY
 * fields from the row id on (all but the field count and the matched identity and credential; key,
 * outcome and raw record are only there), back to back in one buffer of their own (transferable to
 * another thread), event i's ending at tailEnds[i].
 */
export type ParsedBatch = {
  records: number;
  skipped: number;
  unknown: { at: string; reason: string }[];
  unknownBeyondSamples: number;
  workspaceId: string;
  events: ParsedEvent[];
  ids: string[];
  hashes: string[];
  tails: Uint8Array;
  tailEnds: number[];
};

/** Gathers one file's normalized records into ParsedBatches (the API's text and the file parser's worker alike). */
export class BatchBuilder {
  private records = 0;
  private skipped = 0;
  private unknown: ParsedBatch["unknown"] = [];
  private unknownBeyondSamples = 0;
  private events: ParsedEvent[] = [];
  private ids: string[] = [];
  private hashes: string[] = [];
  private tails = new CopyRows();
  private samples = 0;
  private eventIds = new EventIds();

  constructor(
    private readonly workspaceId: string,
    private readonly format: string,
  ) {}

  /** Records taken since the last `drain`. */
  get size(): number {
    return this.records;
  }

  /**
   * One record. `bytes`: the UTF-8 bytes of `text` exactly, when the caller has them (a file read as
   * bytes, checked to be UTF-8), written to the raw column as they are instead of encoding the text again.
   */
  take({ at, outcome, text }: LocatedOutcome, bytes?: Uint8Array): void {
    this.records++;
    if (outcome.status === "skipped") this.skipped++;
    else if (outcome.status === "unknown") {
      if (this.samples++ < UNKNOWN_SAMPLES) this.unknown.push({ at, reason: outcome.reason });
      else this.unknownBeyondSamples++;
    } else {
      const { dedupeKey, outcome: result, raw, ...event } = outcome.event;
      const key = boundedKey(dedupeKey);
      const id = this.eventIds.next();
      const hash = dedupeHash(this.workspaceId, key);
      const t = this.tails;
      t.text(id);
      t.text(this.workspaceId);
      t.text(copyText(this.format));
      t.uuid(hash);
      t.text(copyText(key));
      t.timestamp(event.occurredAt);
      t.text(event.kind);
      t.text(copyText(principalLabel(event), 500));
      t.text(copyText(event.action, 300));
      t.text(copyText(event.target, 1000));
      t.text(copyText(event.sourceIp, 100));
      t.text(copyText(event.region, 100));
      t.text(copyText(event.userAgent, 1000));
      t.text(copyText(result, 300));
      // The line's own bytes when they are text PostgreSQL takes as they are (UTF-8, no NUL).
      if (bytes && text !== undefined && bytes.indexOf(0) === -1) t.utf8(bytes);
      else t.text(copyText(text ?? JSON.stringify(raw ?? null)));
      t.endRow();
      this.events.push(event);
      this.ids.push(id);
      this.hashes.push(hash);
    }
  }

  /** The batch taken so far (null when nothing was), and a new one begun. */
  drain(): ParsedBatch | null {
    if (!this.records) return null;
    const { bytes, ends } = this.tails.take();
    const batch: ParsedBatch = {
      records: this.records, skipped: this.skipped, unknown: this.unknown, unknownBeyondSamples: this.unknownBeyondSamples,
      workspaceId: this.workspaceId, events: this.events, ids: this.ids, hashes: this.hashes, tails: bytes, tailEnds: ends,
    };
    this.records = this.skipped = this.unknownBeyondSamples = 0;
    this.unknown = [];
    this.events = [];
    this.ids = [];
    this.hashes = [];
    return batch;
  }
}

/** The records of a text in batches for a workspace, parsed on the calling thread. */
export function* parsedBatches(records: Iterable<LocatedOutcome>, workspaceId: string, format: string): Iterable<ParsedBatch> {
  const builder = new BatchBuilder(workspaceId, format);
  for (const located of records) {
    builder.take(located);
    if (builder.size >= RECORDS_PER_BATCH) yield builder.drain()!;
  }
  const last = builder.drain();
  if (last) yield last;
}

const principalLabel = (e: ParsedEvent) => (e.principal ? (e.principal.externalIds[0] ?? e.principal.credentialId ?? e.principal.name) : "(none)");
