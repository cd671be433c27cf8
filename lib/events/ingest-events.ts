import { createHash } from "node:crypto";
import type { Tx } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import type { EventFormat } from "@/lib/events/schema";
import type { NormalizedEvent } from "@/lib/events/types";
import { eventFormatSpecs } from "@/lib/events/formats/registry";
import { normalizeText, type LocatedOutcome } from "@/lib/events/normalize-text";
import { PrincipalMatcher, shadowKey } from "@/lib/events/match-principals";
import { discoverIdentities, ensureDiscoverySource, type Discovered } from "@/lib/events/discover-identities";
import { eventLineTail, insertEvents, type EventRow } from "@/lib/events/insert-events";
import { IngestConnection } from "@/lib/events/ingest-connection";
import { toEngineEvent } from "@/lib/events/engine-event";
import { evaluateEvents, newEngineState } from "@/lib/triggers/evaluate-events";
import { loadBaselines, loadBlocked, loadIdentityStates, loadRules, saveBaselines, saveLastUsed, type BaselineCache } from "@/lib/triggers/engine-store";
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

/** `timings`: when given, milliseconds spent per stage are added to it (the benchmark's profile). */
export type IngestOptions = { batchSize?: number; now?: () => Date; timings?: Record<string, number> };

const MAX_SAMPLES = 20;

/** Keys stay short whatever a log puts in its ids; an overlong one is replaced by its hash. */
const boundedKey = (key: string) => (key.length <= 300 ? key : `${key.slice(0, key.indexOf(":") + 1)}sha256:${createHash("sha256").update(key).digest("hex")}`);

/**
 * Streams normalized records into the database in chunks, on one connection of its own (closed by
 * `finish` or a failure). Each chunk is one transaction: match principals, discover shadow identities,
 * store the events with one COPY (keys already stored are skipped),
 * update baselines, fire triggers, store findings, open review items, and write one audit event.
 * While a chunk is being written the next one is parsed, so CPU and database work overlap.
 */
export function startIngestion(actor: Actor, format: EventFormat, options: IngestOptions = {}) {
  assertCan(actor, "events:write");
  const spec = eventFormatSpecs[format];
  const batchSize = options.batchSize ?? 5000;
  const now = options.now ?? (() => new Date());
  const matcher = new PrincipalMatcher(actor.workspaceId);
  const baselineCache: BaselineCache = new Map();
  const report: IngestReport = { format, records: 0, accepted: 0, duplicate: 0, unmatched: 0, unknown: 0, skipped: 0, discovered: 0, findingsOpened: 0, reviewItemsOpened: 0, reviewItemsJoined: 0, unknownSamples: [] };
  let sourceId: string | null = null;
  let buffer: NormalizedEvent[] = [];
  // Each event's COPY line tail, built as it arrives so its raw record can be dropped at once (young garbage, not a chunk's worth held until the write).
  let bufferTails: string[] = [];
  let pending: Promise<void> | null = null;
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

  async function processChunk(tx: Tx, c: IngestConnection, events: NormalizedEvent[], tails: string[]) {
    const ws = actor.workspaceId;
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${"events:" + ws}, 0))`;
    lap("lock");
    await matcher.load(tx, events.flatMap((e) => [e.principal, e.subject]));
    lap("match");
    const preMatched = events.map((e) => matcher.match(e.principal) !== null);

    const toDiscover = events.flatMap((e) => [e.principal, e.subject].filter((r) => r && !r.human && r.discoverable !== false && !matcher.match(r) && shadowKey(r)).map((ref) => ({ ref: ref!, seenAt: e.occurredAt })));
    let discovered = new Map<string, Discovered>();
    if (toDiscover.length) {
      sourceId ??= await ensureDiscoverySource(tx, ws, format, spec.sourceKind, spec.logName);
      discovered = await discoverIdentities(tx, ws, sourceId, toDiscover);
      for (const { ref } of toDiscover) {
        const d = discovered.get(shadowKey(ref)!);
        if (d) matcher.remember(ref, d.identityId, d.credentialId);
      }
    }

    lap("discover");
    const rows: EventRow[] = events.map((event) => {
      const m = matcher.match(event.principal);
      return { event, identityId: m?.identityId ?? null, credentialId: m?.credentialId ?? null };
    });
    const inserted = await insertEvents(c, ws, format, rows, tails);
    lap("insert");
    const accepted = rows.map((r, i) => ({ r, i })).filter(({ i }) => inserted.has(i)).sort((a, b) => a.r.event.occurredAt.getTime() - b.r.event.occurredAt.getTime());

    const announced = new Set<string>();
    const engineEvents = accepted.map(({ r, i }) => toEngineEvent(r, inserted.get(i)!, spec.logName, matcher, discovered, announced));
    const ids = [...new Set(engineEvents.flatMap((e) => [e.actorId, e.subjectId, e.tokenForId]).filter((x): x is string => Boolean(x)))];
    const rules = await loadRules(tx, ws);
    const clock = now();
    // One connection per transaction: queries run one after another, never concurrently.
    const identities = await loadIdentityStates(tx, ws, ids);
    const baselines = await loadBaselines(tx, ws, ids, baselineCache);
    const blocked = await loadBlocked(tx, ws, ids, rules, clock);
    lap("load state");
    const state = newEngineState({ identities, baselines, rules, blocked, now: clock });
    const drafts = evaluateEvents(state, engineEvents);
    lap("evaluate");

    const lastUsed = new Map<string, Date>();
    const credentialUsed = new Map<string, Date>();
    for (const { r } of accepted) {
      const at = r.event.occurredAt;
      if (r.identityId && !(lastUsed.get(r.identityId)! >= at)) lastUsed.set(r.identityId, at);
      if (r.credentialId && !(credentialUsed.get(r.credentialId)! >= at)) credentialUsed.set(r.credentialId, at);
    }
    await saveBaselines(tx, ws, state.baselines, state.touched, baselineCache);
    lap("save baselines");
    await saveLastUsed(tx, ws, lastUsed, credentialUsed);
    lap("save last used");
    const stored = await storeFindings(tx, actor, drafts, rules);
    lap("findings");

    const counts = {
      format, accepted: accepted.length, duplicate: rows.length - accepted.length,
      unmatched: accepted.filter(({ i }) => !preMatched[i]).length,
      discovered: [...discovered.values()].filter((d) => d.created).length,
      findings: stored.findings, reviewItemsOpened: stored.itemsOpened, reviewItemsJoined: stored.itemsJoined,
    };
    await recordAudit(tx, actor, "events.ingested", null, counts);
    lap("audit");
    return { ...counts, stored };
  }

  async function flush(events: NormalizedEvent[], tails: string[]) {
    if (!events.length) return;
    let result: Awaited<ReturnType<typeof processChunk>>;
    try {
      conn ??= IngestConnection.open();
      const c = conn;
      mark = performance.now();
      result = await c.prisma.$transaction((tx) => processChunk(tx, c, events, tails), { timeout: 600_000, maxWait: 120_000 });
    } catch (error) {
      // The cache may hold states of a transaction that rolled back: never reuse them.
      baselineCache.clear();
      await close();
      throw error;
    }
    report.accepted += result.accepted;
    report.duplicate += result.duplicate;
    report.unmatched += result.unmatched;
    report.discovered += result.discovered;
    report.findingsOpened += result.findings;
    report.reviewItemsOpened += result.reviewItemsOpened;
    report.reviewItemsJoined += result.reviewItemsJoined;
  }

  return {
    report,
    async add(located: LocatedOutcome): Promise<void> {
      report.records++;
      const o = located.outcome;
      if (o.status === "skipped") report.skipped++;
      else if (o.status === "unknown") {
        report.unknown++;
        if (report.unknownSamples.length < MAX_SAMPLES) report.unknownSamples.push({ at: located.at, reason: o.reason });
      } else {
        const event = { ...o.event, dedupeKey: boundedKey(o.event.dedupeKey) };
        bufferTails.push(eventLineTail(event));
        event.raw = null;
        buffer.push(event);
        if (buffer.length >= batchSize) {
          const chunk = buffer;
          const tails = bufferTails;
          buffer = [];
          bufferTails = [];
          await pending;
          pending = flush(chunk, tails);
          // Surface a failure on the next add rather than as an unhandled rejection.
          pending.catch(() => undefined);
        }
      }
    },
    async finish(): Promise<IngestReport> {
      try {
        await pending;
        await flush(buffer, bufferTails);
        buffer = [];
        bufferTails = [];
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
  for (const located of normalizeText(eventFormatSpecs[format], text)) await run.add(located);
  return run.finish();
}
