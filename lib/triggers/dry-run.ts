import { db } from "@/lib/db";
import type { TriggerKind } from "@/prisma/generated/enums";
import { assertCan, type Actor } from "@/lib/authz/actor";
import type { DryRunInput } from "@/lib/triggers/schema";
import { engineKinds } from "@/lib/triggers/schema";
import type { IdentityState } from "@/lib/triggers/types";
import { evaluateEvents, newEngineState, type EngineEvent } from "@/lib/triggers/evaluate-events";
import { loadIdentityStates, loadRules } from "@/lib/triggers/engine-store";
import { eventFormat } from "@/lib/events/schema";
import { eventFormatSpecs } from "@/lib/events/formats/registry";
import { PrincipalMatcher } from "@/lib/events/match-principals";
import { eventFacts } from "@/lib/events/engine-event";

export type DryRunResult = {
  from: string;
  to: string;
  /** events replayed in the range (after the 30-day warm-up) */
  events: number;
  warmupEvents: number;
  truncated: boolean;
  perRule: { kind: TriggerKind; enabled: boolean; count: number }[];
  samples: { kind: TriggerKind; identityName: string; sentence: string; at: string }[];
};

const PAGE = 5000;
const WARMUP_DAYS = 30;

type Row = { id: string; identityId: string | null; format: string; occurredAt: Date; raw: string };

/** A stored record's parsed value; null for text that is not JSON (stored by nothing but a hand edit). */
function parsedRaw(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * "What would have fired": replays stored events of the range through the trigger engine with every
 * rule as configured (switched-off rules included), after a 30-day warm-up that builds baselines from
 * scratch. Read-only: nothing is stored and no review is opened. Shadow discovery is not simulated.
 */
export async function dryRunTriggers(actor: Actor, input: DryRunInput, options: { maxEvents?: number } = {}): Promise<DryRunResult> {
  assertCan(actor, "triggers:manage");
  const maxEvents = options.maxEvents ?? 200_000;
  const ws = actor.workspaceId;
  const from = new Date(`${input.from}T00:00:00Z`);
  const end = new Date(Date.parse(`${input.to}T00:00:00Z`) + 86_400_000);
  const start = new Date(from.getTime() - WARMUP_DAYS * 86_400_000);
  return db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe("SET TRANSACTION READ ONLY");
    const rules = await loadRules(tx, ws);
    const matcher = new PrincipalMatcher(ws);
    const identities = new Map<string, IdentityState>();
    const state = newEngineState({ identities, baselines: new Map(), rules, blocked: new Set(), now: end, includeDisabled: true });
    const counts = new Map<TriggerKind, number>();
    const samples: DryRunResult["samples"] = [];
    let seen = 0;
    let inRange = 0;
    let cursor: { at: Date; id: string } | null = null;
    for (;;) {
      const rows: Row[] = await tx.$queryRawUnsafe<Row[]>(
        `SELECT id, "identityId", format, "occurredAt", raw FROM "ActivityEvent"
         WHERE "workspaceId" = $1 AND "occurredAt" >= $2 AND "occurredAt" < $3 ${cursor ? `AND ("occurredAt", id) > ($4, $5)` : ""}
         ORDER BY "occurredAt", id LIMIT ${PAGE}`,
        ws, start, end, ...(cursor ? [cursor.at, cursor.id] : []),
      );
      if (!rows.length) break;
      cursor = { at: rows[rows.length - 1]!.occurredAt, id: rows[rows.length - 1]!.id };
      const normalized = rows.map((r) => {
        const format = eventFormat.safeParse(r.format);
        const o = format.success ? eventFormatSpecs[format.data].normalize(parsedRaw(r.raw)) : null;
        return o?.status === "event" ? { row: r, event: o.event, logName: eventFormatSpecs[format.data!].logName } : null;
      }).filter((x): x is NonNullable<typeof x> => Boolean(x));
      await matcher.load(tx, normalized.map((n) => n.event.subject));
      const engineEvents: EngineEvent[] = normalized.map(({ row, event, logName }) => {
        const subjectId = matcher.match(event.subject)?.identityId ?? null;
        return {
          facts: eventFacts(event, row.id, logName), actorId: row.identityId, subjectId,
          tokenForId: event.kind === "TOKEN_ISSUED" ? (subjectId ?? row.identityId) : null, discoveredIds: [],
          credentialKind: event.subject?.credentialKind ?? event.principal?.credentialKind ?? "ACCESS_KEY",
        };
      });
      const missing = [...new Set(engineEvents.flatMap((e) => [e.actorId, e.subjectId, e.tokenForId]).filter((x): x is string => Boolean(x) && !identities.has(x!)))];
      for (const [id, s] of await loadIdentityStates(tx, ws, missing)) identities.set(id, { ...s, lastUsedAt: null });
      for (const draft of evaluateEvents(state, engineEvents)) {
        if (draft.at < from) continue;
        counts.set(draft.kind, (counts.get(draft.kind) ?? 0) + 1);
        if (samples.filter((s) => s.kind === draft.kind).length < 3) samples.push({ kind: draft.kind, identityName: identities.get(draft.identityId)?.name ?? draft.identityId, sentence: draft.sentence, at: draft.at.toISOString() });
      }
      seen += rows.length;
      inRange += rows.filter((r) => r.occurredAt >= from).length;
      if (seen >= maxEvents || rows.length < PAGE) break;
    }
    return {
      from: input.from, to: input.to, events: inRange, warmupEvents: seen - inRange, truncated: seen >= maxEvents,
      perRule: engineKinds.map((kind) => ({ kind, enabled: rules.get(kind)?.enabled ?? false, count: counts.get(kind) ?? 0 })),
      samples,
    };
  }, { timeout: 300_000, maxWait: 30_000 });
}
