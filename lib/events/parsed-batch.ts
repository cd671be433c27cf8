import type { LocatedOutcome } from "@/lib/events/normalize-text";
import type { NormalizedEvent, ParsedEvent } from "@/lib/events/types";
import { CopyLines, copyField } from "@/lib/events/copy-text";
import { EventIds, boundedKey, dedupeHash } from "@/lib/events/event-keys";

/** Unreadable records named in a report (where and why); beyond these they are only counted. */
export const UNKNOWN_SAMPLES = 20;

/** Records handed to the ingestion at a time. */
export const RECORDS_PER_BATCH = 2000;

/**
 * Records of a file, parsed and normalized for one workspace: how many there were, how many were
 * skipped, the unreadable ones (named up to UNKNOWN_SAMPLES per file, then only counted) and the
 * events, prepared for a chunk: each with its row id and idempotency hash, and its COPY line from
 * the row id on (all but the matched identity and credential; key, outcome and raw record are only
 * there), the lines back to back in one buffer of their own (transferable to another thread),
 * event i's ending at tailEnds[i].
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
  private tails = new CopyLines();
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
   * bytes), written to the raw column as they are instead of encoding the text again.
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
      this.tails.text(`${id}\t${this.workspaceId}\t${copyField(this.format)}\t${hash}\t${copyField(key)}\t${lineTailFields(outcome.event)}${copyField(result, 300)}\t`);
      if (bytes && text !== undefined) this.tails.field(bytes);
      else this.tails.text(copyField(text ?? JSON.stringify(raw ?? null)));
      this.tails.endLine();
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

const principalLabel = (e: NormalizedEvent) => (e.principal ? (e.principal.externalIds[0] ?? e.principal.credentialId ?? e.principal.name) : "(none)");

/** An event's COPY columns from its time to its user agent (kind, principal, action, target, source IP, region). */
function lineTailFields(e: NormalizedEvent): string {
  return `${e.occurredAt.toISOString()}\t${e.kind}\t${copyField(principalLabel(e), 500)}\t${copyField(e.action, 300)}\t${copyField(e.target, 1000)}\t` +
    `${copyField(e.sourceIp, 100)}\t${copyField(e.region, 100)}\t${copyField(e.userAgent, 1000)}\t`;
}
