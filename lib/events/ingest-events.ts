import type { Tx } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import type { EventFormat } from "@/lib/events/schema";
import type { ParsedEvent, PrincipalRef } from "@/lib/events/types";
import { eventFormatSpecs } from "@/lib/events/formats/registry";
import { normalizeText } from "@/lib/events/normalize-text";
import { PrincipalMatcher, shadowKey, type PrincipalMatch } from "@/lib/events/match-principals";
import { discoverIdentities, ensureDiscoverySource, type Discovered } from "@/lib/events/discover-identities";
import { copyEventRows, newEventRows, type EventRow, type FieldRange } from "@/lib/events/insert-events";
import { parsedBatches, type ParsedBatch } from "@/lib/events/parsed-batch";
import { IngestConnection } from "@/lib/events/ingest-connection";
import { toEngineEvent } from "@/lib/events/engine-event";
import { evaluateEvents, newEngineState, type EngineEvent, type EngineState, type RuleConfig } from "@/lib/triggers/evaluate-events";
import { loadBaselines, loadBlocked, loadIdentityStates, loadRules, saveBaselines, saveLastUsed, type BaselineCache } from "@/lib/triggers/engine-store";
import type { FindingDraft } from "@/lib/triggers/types";
import type { TriggerKind } from "@/prisma/generated/enums";
import { ChunkFeed } from "@/lib/events/chunk-feed";
import { storeFindings } from "@/lib/findings/store-findings";

export type IngestReport = {
  format: EventFormat;
  records: number;
  accepted: number;
  duplicate: number;
  unmatched: number;
  unknown: number;
  skipped: number;
  discovered: number;
  findingsOpened: number;
  reviewItemsOpened: number;
  reviewItemsJoined: number;
  /** the first unreadable records, with where they are and why */
  unknownSamples: { at: string; reason: string }[];
};

/**
 * `batchSize`: events per chunk (parsed while the previous chunk is in the database).
 * `commitSeconds`: how long one transaction keeps taking chunks before it commits (0: every chunk).
 * `timings`: when given, milliseconds spent per stage are added to it (the benchmark's profile).
 */
export type IngestOptions = { batchSize?: number; commitSeconds?: number; now?: () => Date; timings?: Record<string, number> };

/** Each commit rewrites every touched identity's baseline and last use: a few seconds for 10,000 identities, so not too often. */
const DEFAULT_COMMIT_SECONDS = 60;
/** Events evaluated between two turns of the event loop (a few milliseconds of work). */
const EVALUATE_SLICE = 1000;

/** Events of a chunk with, by index, each one's row id, idempotency hash and binary COPY fields from the row id on (a range of its batch's buffer, no view object per event). */
type ChunkEvents = { events: ParsedEvent[]; ids: string[]; hashes: string[]; tails: FieldRange[] };

type Chunk = ChunkEvents & { processed: Promise<void>; resolve: () => void; reject: (error: unknown) => void };

function newChunk(events: ChunkEvents): Chunk {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const processed = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Surfaced by the reader's next await, never as an unhandled rejection.
  processed.catch(() => undefined);
  return { ...events, processed, resolve, reject };
}

type Counts = { accepted: number; duplicate: number; unmatched: number; discovered: number };

/**
 * What one transaction has gathered from its chunks: the trigger engine's state (identities,
 * baselines and the finding gate, loaded once per identity), the findings it fired, and the last-use
 * times seen. Baselines, last use and findings are written once, when the transaction commits.
 */
type TransactionWork = {
  rules: Map<TriggerKind, RuleConfig>;
  state: EngineState;
  blocked: Set<string>;
  drafts: FindingDraft[];
  /** the last chunk's events, stored and with their identities loaded, not yet evaluated */
  unevaluated: EngineEvent[];
  lastUsed: Map<string, Date>;
  credentialUsed: Map<string, Date>;
  counts: Counts;
};

/** The actors and subjects of events. */
function* principalsOf(events: ParsedEvent[]): Iterable<PrincipalRef | null> {
  for (const e of events) {
    yield e.principal;
    yield e.subject;
  }
}

const later = (map: Map<string, Date>, id: string | null, at: Date) => {
  if (id && !(map.get(id)! >= at)) map.set(id, at);
};

/**
 * Streams normalized records into the database, on one connection of its own (closed by `finish` or
 * a failure). Records are handled in chunks — match principals, discover shadow identities, store
 * the events with one COPY (keys already stored are skipped), apply them to baselines and fire
 * triggers (while the next chunk's COPY runs) — as the next chunk is parsed, so CPU and database work
 * overlap. A transaction takes
 * chunks for `commitSeconds`, then writes baselines, last use, findings, review items and one audit
 * event, and commits: what a transaction stored is complete or absent, never half-applied.
 */
export function startIngestion(actor: Actor, format: EventFormat, options: IngestOptions = {}) {
  assertCan(actor, "events:write");
  const spec = eventFormatSpecs[format];
  const batchSize = options.batchSize ?? 5000;
  const commitMs = (options.commitSeconds ?? DEFAULT_COMMIT_SECONDS) * 1000;
  const now = options.now ?? (() => new Date());
  const ws = actor.workspaceId;
  const matcher = new PrincipalMatcher(ws);
  const baselineCache: BaselineCache = new Map();
  const report: IngestReport = { format, records: 0, accepted: 0, duplicate: 0, unmatched: 0, unknown: 0, skipped: 0, discovered: 0, findingsOpened: 0, reviewItemsOpened: 0, reviewItemsJoined: 0, unknownSamples: [] };
  let sourceId: string | null = null;
  const emptyBuffer = (): ChunkEvents => ({ events: [], ids: [], hashes: [], tails: [] });
  let buffer = emptyBuffer();
  let inFlight: Promise<void> = Promise.resolve();
  let feed: ChunkFeed<Chunk> | null = null;
  const commits: Promise<void>[] = [];
  let failure: unknown = null;
  let conn: IngestConnection | null = null;
  const close = async () => {
    const c = conn;
    conn = null;
    await c?.close();
  };

  const timings = options.timings;
  let mark = performance.now();
  const lap = (stage: string) => {
    if (!timings) return;
    const t = performance.now();
    timings[stage] = (timings[stage] ?? 0) + (t - mark);
    mark = t;
  };

  async function beginWork(tx: Tx): Promise<TransactionWork> {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${"events:" + ws}, 0))`;
    const rules = await loadRules(tx, ws);
    const blocked = new Set<string>();
    const state = newEngineState({ identities: new Map(), baselines: new Map(), rules, blocked, now: now() });
    return { rules, state, blocked, drafts: [], unevaluated: [], lastUsed: new Map(), credentialUsed: new Map(), counts: { accepted: 0, duplicate: 0, unmatched: 0, discovered: 0 } };
  }

  /** Principals of a chunk (actors and subjects) that match nothing and may become shadow identities; `actors[i]` is event i's actor's match. */
  function undiscovered(events: ParsedEvent[], actors: (PrincipalMatch | null)[]): { ref: PrincipalRef; seenAt: Date }[] {
    const out: { ref: PrincipalRef; seenAt: Date }[] = [];
    const discoverable = (ref: PrincipalRef | null): ref is PrincipalRef => Boolean(ref && !ref.human && ref.discoverable !== false && shadowKey(ref));
    events.forEach((e, i) => {
      if (!actors[i] && discoverable(e.principal)) out.push({ ref: e.principal, seenAt: e.occurredAt });
      if (e.subject && discoverable(e.subject) && !matcher.match(e.subject)) out.push({ ref: e.subject, seenAt: e.occurredAt });
    });
    return out;
  }

  /**
   * One chunk, ordered so the database and this thread are busy at once: while the chunk's duplicate
   * check runs, the previous chunk's evaluation begins; while its COPY runs, that evaluation goes on
   * and this chunk's engine events are built. The identities this transaction meets for the first
   * time are loaded after the COPY (the connection serves one statement at a time).
   */
  async function processChunk(tx: Tx, c: IngestConnection, work: TransactionWork, { events, ids, hashes, tails }: ChunkEvents) {
    mark = performance.now();
    await matcher.load(tx, principalsOf(events));
    lap("match");
    // Each event's actor as known before this chunk discovered anything (the report's "unmatched").
    let actors = events.map((e) => matcher.match(e.principal));
    const preMatched = Uint8Array.from(actors, (m) => (m ? 1 : 0));
    const toDiscover = undiscovered(events, actors);
    let discovered = new Map<string, Discovered>();
    if (toDiscover.length) {
      sourceId ??= await ensureDiscoverySource(tx, ws, format, spec.sourceKind, spec.logName);
      discovered = await discoverIdentities(tx, ws, sourceId, toDiscover);
      for (const { ref } of toDiscover) {
        const d = discovered.get(shadowKey(ref)!);
        if (d) matcher.remember(ref, d.identityId, d.credentialId);
      }
      actors = events.map((e) => matcher.match(e.principal));
    }
    lap("discover");
    const rows: EventRow[] = actors.map((m, i) => ({ identityId: m?.identityId ?? null, credentialId: m?.credentialId ?? null, id: ids[i]!, hash: hashes[i]!, tail: tails[i]! }));

    // The duplicate check is sent first; the previous chunk's evaluation runs while it is answered.
    const checking = newEventRows(c, rows);
    const evaluating = evaluatePending(work);
    // Awaited below; should the database fail first, the transaction is failing anyway.
    evaluating.catch(() => undefined);
    const inserted = await checking;
    const copying = copyEventRows(c, rows, inserted);
    copying.catch(() => undefined);
    // The COPY stores all of `inserted` or fails the transaction: their engine events can be built meanwhile.
    const accepted = [...inserted].sort((a, b) => events[a]!.occurredAt.getTime() - events[b]!.occurredAt.getTime());
    const announced = new Set<string>();
    const engineEvents = accepted.map((i) => toEngineEvent(events[i]!, rows[i]!.identityId, ids[i]!, spec.logName, matcher, discovered, announced));
    await copying;
    await evaluating;
    lap("insert");

    const { state } = work;
    // Each identity is loaded once per transaction; later chunks find it (and its baseline) in the state.
    const fresh = new Set<string>();
    for (const e of engineEvents) {
      for (const id of [e.actorId, e.subjectId, e.tokenForId]) if (id && !state.identities.has(id)) fresh.add(id);
    }
    if (fresh.size) {
      const list = [...fresh];
      // One connection per transaction: queries run one after another, never concurrently.
      for (const [id, identity] of await loadIdentityStates(tx, ws, list)) state.identities.set(id, identity);
      for (const [id, baseline] of await loadBaselines(tx, ws, list, baselineCache)) state.baselines.set(id, baseline);
      for (const key of await loadBlocked(tx, ws, list, work.rules, state.now)) work.blocked.add(key);
    }
    lap("load state");
    work.unevaluated = engineEvents;

    for (const i of accepted) {
      later(work.lastUsed, rows[i]!.identityId, events[i]!.occurredAt);
      later(work.credentialUsed, rows[i]!.credentialId, events[i]!.occurredAt);
    }
    work.counts.accepted += accepted.length;
    work.counts.duplicate += rows.length - accepted.length;
    work.counts.unmatched += accepted.filter((i) => !preMatched[i]).length;
    work.counts.discovered += [...discovered.values()].filter((d) => d.created).length;
  }

  /**
   * Applies the stored chunk's events to the engine state, in slices that yield to the event loop so
   * the COPY running meanwhile keeps receiving its data.
   */
  async function evaluatePending(work: TransactionWork) {
    const events = work.unevaluated;
    work.unevaluated = [];
    for (let i = 0; i < events.length; i += EVALUATE_SLICE) {
      const started = performance.now();
      work.drafts.push(...evaluateEvents(work.state, events.slice(i, i + EVALUATE_SLICE)));
      if (timings) timings.evaluate = (timings.evaluate ?? 0) + (performance.now() - started);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  async function commitWork(tx: Tx, work: TransactionWork) {
    await evaluatePending(work);
    mark = performance.now();
    await saveBaselines(tx, ws, work.state.baselines, work.state.touched, baselineCache);
    lap("save baselines");
    await saveLastUsed(tx, ws, work.lastUsed, work.credentialUsed);
    lap("save last used");
    const stored = await storeFindings(tx, actor, work.drafts, work.rules);
    lap("findings");
    const counts = { format, ...work.counts, findings: stored.findings, reviewItemsOpened: stored.itemsOpened, reviewItemsJoined: stored.itemsJoined };
    await recordAudit(tx, actor, "events.ingested", null, counts);
    lap("audit");
    return counts;
  }

  /** The body of one transaction: chunks until the deadline or the end of the feed, then the writes that close it. */
  async function consume(tx: Tx, c: IngestConnection, chunks: ChunkFeed<Chunk>) {
    const deadline = performance.now() + commitMs;
    const work = await beginWork(tx);
    for (let chunk = await chunks.take(deadline); chunk; chunk = await chunks.take(deadline)) {
      try {
        await processChunk(tx, c, work, chunk);
      } catch (error) {
        chunk.reject(error);
        throw error;
      }
      chunk.resolve();
    }
    return commitWork(tx, work);
  }

  /** Opens a transaction that takes chunks from a new feed until it has run `commitMs`, or the feed ends. */
  function openTransaction(): ChunkFeed<Chunk> {
    const chunks = new ChunkFeed<Chunk>();
    conn ??= IngestConnection.open();
    const c = conn;
    // One transaction after another (they share the connection); none starts after one has failed.
    const previous = commits.at(-1) ?? Promise.resolve();
    const committed = previous.then(() => {
      if (failure) throw failure;
      return c.prisma.$transaction((tx) => consume(tx, c, chunks), { timeout: 600_000, maxWait: 120_000 });
    });
    commits.push(committed.then(
      (counts) => {
        report.accepted += counts.accepted;
        report.duplicate += counts.duplicate;
        report.unmatched += counts.unmatched;
        report.discovered += counts.discovered;
        report.findingsOpened += counts.findings;
        report.reviewItemsOpened += counts.reviewItemsOpened;
        report.reviewItemsJoined += counts.reviewItemsJoined;
      },
      (error: unknown) => {
        failure ??= error;
        // The cache may hold states of a transaction that rolled back: never reuse them.
        baselineCache.clear();
        for (const chunk of chunks.abandon()) chunk.reject(error);
      },
    ));
    return chunks;
  }

  /** Hands a full chunk to the open transaction (or a new one) once the previous chunk is done. */
  async function submit(events: ChunkEvents) {
    await inFlight;
    if (failure) throw failure;
    const chunk = newChunk(events);
    if (!feed?.offer(chunk)) {
      feed = openTransaction();
      feed.offer(chunk);
    }
    inFlight = chunk.processed;
  }

  /** Hands the buffered events to a transaction as one chunk. */
  async function submitBuffer(): Promise<void> {
    const chunk = buffer;
    buffer = emptyBuffer();
    try {
      await submit(chunk);
    } catch (error) {
      await close();
      throw error;
    }
  }

  return {
    report,
    /** A batch of the file's records (parsedBatches, or the file parser's worker): counts, unreadable samples, events. */
    async addBatch(batch: ParsedBatch): Promise<void> {
      // The batch's lines carry their workspace and idempotency hashes: never store one for another workspace.
      if (batch.workspaceId !== ws) throw new Error("a batch parsed for another workspace");
      report.records += batch.records;
      report.skipped += batch.skipped;
      report.unknown += batch.unknown.length + batch.unknownBeyondSamples;
      report.unknownSamples.push(...batch.unknown);
      const fields = Buffer.from(batch.tails.buffer, batch.tails.byteOffset, batch.tails.byteLength);
      let start = 0;
      for (const [i, event] of batch.events.entries()) {
        const end = batch.tailEnds[i]!;
        buffer.events.push(event);
        buffer.ids.push(batch.ids[i]!);
        buffer.hashes.push(batch.hashes[i]!);
        buffer.tails.push({ fields, start, end });
        start = end;
        if (buffer.events.length >= batchSize) await submitBuffer();
      }
    },
    async finish(): Promise<IngestReport> {
      try {
        if (buffer.events.length) await submitBuffer();
        await inFlight.catch(() => undefined);
        feed?.end();
        await Promise.all(commits);
        if (failure) throw failure;
        return report;
      } finally {
        await close();
      }
    },
  };
}

/** Ingests one file's text (API body, upload form). Unknown records are counted, never fatal. */
export async function ingestEvents(actor: Actor, format: EventFormat, text: string, options: IngestOptions = {}): Promise<IngestReport> {
  const run = startIngestion(actor, format, options);
  for (const batch of parsedBatches(normalizeText(eventFormatSpecs[format], text), actor.workspaceId, format)) await run.addBatch(batch);
  return run.finish();
}
