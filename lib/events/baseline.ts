import { boundedMemo } from "@/lib/events/bounded-memo";

/**
 * An identity's learned behaviour (DESIGN.md §3 Baseline), updated one event at a time. Stored in the
 * Baseline row's JSON columns: sourceIps holds networks (/24, /48) with the last address seen there,
 * dailyCalls holds `{ since, days }` (since = the first event ever seen, which starts the learning
 * period) and dailyTokens `{ days }`; day counts keep a 31-day window.
 */
export type Seen = { first: string; last: string; count: number; sample?: string };
export type SeenMap = Record<string, Seen>;

export type BaselineState = {
  since: string | null;
  networks: SeenMap;
  regions: SeenMap;
  userAgents: SeenMap;
  environments: SeenMap;
  dailyCalls: Record<string, number>;
  dailyTokens: Record<string, number>;
};

export type BaselineRow = { sourceIps: unknown; regions: unknown; userAgents: unknown; environments: unknown; dailyCalls: unknown; dailyTokens: unknown };

const DAY_MS = 86_400_000;
const WINDOW_DAYS = 31;
const MAX_ENTRIES = 300;

export const emptyBaseline = (): BaselineState => ({ since: null, networks: {}, regions: {}, userAgents: {}, environments: {}, dailyCalls: {}, dailyTokens: {} });

/** "YYYY-MM-DD" of a UTC midnight, remembered: the spike checks look up the same thirty days for every identity. */
const dayName = boundedMemo(10_000, (midnight: number) => new Date(midnight).toISOString().slice(0, 10));

/** The day asked last (events come in time order, so mostly the same day again). */
let lastDay = { start: 0, end: 0, name: "" };

/** "YYYY-MM-DD" (UTC) of a time; every event asks, so the names of days are remembered. */
export function dayOf(d: Date): string {
  const t = d.getTime();
  if (t >= lastDay.start && t < lastDay.end) return lastDay.name;
  const start = Math.floor(t / DAY_MS) * DAY_MS;
  lastDay = { start, end: start + DAY_MS, name: dayName(start) };
  return lastDay.name;
}

const record = (v: unknown): Record<string, unknown> => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

function seenMap(v: unknown): SeenMap {
  const out: SeenMap = {};
  for (const [k, s] of Object.entries(record(v))) {
    const r = record(s);
    if (typeof r.first === "string" && typeof r.last === "string" && typeof r.count === "number") out[k] = { first: r.first, last: r.last, count: r.count, ...(typeof r.sample === "string" ? { sample: r.sample } : {}) };
  }
  return out;
}

function dayCounts(v: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, n] of Object.entries(record(record(v).days))) if (typeof n === "number") out[k] = n;
  return out;
}

export function baselineFromRow(row: BaselineRow | null | undefined): BaselineState {
  if (!row) return emptyBaseline();
  const since = record(row.dailyCalls).since;
  return {
    since: typeof since === "string" ? since : null,
    networks: seenMap(row.sourceIps), regions: seenMap(row.regions), userAgents: seenMap(row.userAgents), environments: seenMap(row.environments),
    dailyCalls: dayCounts(row.dailyCalls), dailyTokens: dayCounts(row.dailyTokens),
  };
}

export function baselineToRow(b: BaselineState) {
  return {
    sourceIps: b.networks, regions: b.regions, userAgents: b.userAgents, environments: b.environments,
    dailyCalls: { since: b.since, days: b.dailyCalls }, dailyTokens: { days: b.dailyTokens },
  };
}

function see(map: SeenMap, key: string | null | undefined, at: string, sample?: string) {
  if (!key) return;
  const cur = map[key];
  if (cur) {
    if (at < cur.first) cur.first = at;
    if (at > cur.last) cur.last = at;
    cur.count++;
    if (sample) cur.sample = sample;
    return;
  }
  map[key] = { first: at, last: at, count: 1, ...(sample ? { sample } : {}) };
  const keys = Object.keys(map);
  if (keys.length > MAX_ENTRIES) {
    // Forget what was seen longest ago; a bounded baseline stays cheap to load for every event batch.
    const oldest = keys.reduce((a, b) => (map[a]!.last <= map[b]!.last ? a : b));
    delete map[oldest];
  }
}

function bumpDay(days: Record<string, number>, at: Date) {
  const day = dayOf(at);
  const n = days[day];
  if (n !== undefined) return (days[day] = n + 1);
  days[day] = 1;
  // A new day: forget days that fell out of the window.
  const cutoff = dayOf(new Date(at.getTime() - WINDOW_DAYS * DAY_MS));
  for (const k of Object.keys(days)) if (k < cutoff) delete days[k];
  return 1;
}

export type UseFacts = { at: Date; network: string | null; sourceIp: string | null; region: string | null; userAgentFamily: string | null; environment: string | null };

/** Records one use by the identity; returns today's call count after it. */
export function observeUse(b: BaselineState, use: UseFacts): number {
  const at = use.at.toISOString();
  if (!b.since || at < b.since) b.since = at;
  see(b.networks, use.network, at, use.sourceIp ?? undefined);
  see(b.regions, use.region, at);
  see(b.userAgents, use.userAgentFamily, at);
  see(b.environments, use.environment, at);
  return bumpDay(b.dailyCalls, use.at);
}

/** Records one token issued to the identity; returns today's token count after it. */
export function observeToken(b: BaselineState, at: Date): number {
  const iso = at.toISOString();
  if (!b.since || iso < b.since) b.since = iso;
  return bumpDay(b.dailyTokens, at);
}

/** Days of history before `at`; novelty and spike triggers wait until it reaches the learning period. */
export function historyDays(b: BaselineState, at: Date): number {
  return b.since ? Math.max(0, (at.getTime() - Date.parse(b.since)) / DAY_MS) : 0;
}

/**
 * Median of the daily counts over the 30 days before `at`'s day (days without activity count as
 * zero), limited to the days since the baseline began.
 */
const medians = new WeakMap<Record<string, number>, { day: number; since: string | null; median: number }>();

/** Memoized per day-count map and day: a spike check runs on every event, the median changes daily. */
export function median30(days: Record<string, number>, at: Date, since: string | null): number {
  const day = Math.floor(at.getTime() / DAY_MS);
  const hit = medians.get(days);
  if (hit && hit.day === day && hit.since === since) return hit.median;
  const median = computeMedian30(days, at, since);
  medians.set(days, { day, since, median });
  return median;
}

function computeMedian30(days: Record<string, number>, at: Date, since: string | null): number {
  const today = Math.floor(at.getTime() / DAY_MS) * DAY_MS;
  const start = since ? Date.parse(`${since.slice(0, 10)}T00:00:00Z`) : today;
  const values: number[] = [];
  for (let i = 1; i <= 30; i++) {
    const t = today - i * DAY_MS;
    if (t < start) break;
    values.push(days[dayName(t)] ?? 0);
  }
  if (!values.length) return 0;
  values.sort((a, b) => a - b);
  const mid = Math.floor(values.length / 2);
  return values.length % 2 ? values[mid]! : (values[mid - 1]! + values[mid]!) / 2;
}
