import type { Tx } from "@/lib/db";
import type { TriggerKind } from "@/prisma/generated/enums";
import type { IdentityState } from "@/lib/triggers/types";
import type { RuleConfig } from "@/lib/triggers/finding-gate";
import { baselineFromRow, baselineToRow, type BaselineState } from "@/lib/events/baseline";
import { defaultTriggerRules } from "@/lib/triggers/defaults";
import { effectiveParams } from "@/lib/triggers/schema";

// Loading and saving what the trigger engine works on, in bulk (one query per kind of row per chunk).

export async function loadRules(tx: Tx, workspaceId: string): Promise<Map<TriggerKind, RuleConfig>> {
  const stored = await tx.triggerRule.findMany({ where: { workspaceId } });
  const out = new Map<TriggerKind, RuleConfig>();
  for (const d of defaultTriggerRules) {
    const row = stored.find((r) => r.kind === d.kind);
    out.set(d.kind, {
      id: row?.id ?? null, kind: d.kind, enabled: row ? row.enabled : d.enabled,
      params: effectiveParams(d.kind, row?.params, d.params), cooldownHours: row?.cooldownHours ?? d.cooldownHours,
    });
  }
  return out;
}

export async function loadIdentityStates(tx: Tx, workspaceId: string, ids: string[]): Promise<Map<string, IdentityState>> {
  if (!ids.length) return new Map();
  const rows = await tx.$queryRawUnsafe<(Omit<IdentityState, "ownerStatus"> & { ownerStatus: IdentityState["ownerStatus"] })[]>(
    `SELECT i.id, i.name, i.kind, i.environment, i.privileged, i."ownerId", u.name AS "ownerName", u.status AS "ownerStatus", i."owningTeamId",
            i."discoveredBy", i."lastUsedAt", i."firstSeenAt"
     FROM "Identity" i LEFT JOIN "User" u ON u.id = i."ownerId"
     WHERE i."workspaceId" = $1 AND i.id = ANY($2::text[])`,
    workspaceId, ids,
  );
  // Copied into objects of one literal shape: the engine reads them for every event.
  return new Map(rows.map((r) => [r.id, {
    id: r.id, name: r.name, kind: r.kind, environment: r.environment, privileged: r.privileged, ownerId: r.ownerId, ownerName: r.ownerName,
    ownerStatus: r.ownerStatus, owningTeamId: r.owningTeamId, discoveredBy: r.discoveredBy, lastUsedAt: r.lastUsedAt, firstSeenAt: r.firstSeenAt,
  }]));
}

/**
 * Baselines kept between the chunks of one ingestion run, each with the updatedAt it was written with.
 * A chunk reloads only the rows someone else changed since (the versions are compared in the database),
 * so a long run does not read every baseline back once per chunk.
 */
export type BaselineCache = Map<string, { state: BaselineState; version: number }>;

export async function loadBaselines(tx: Tx, workspaceId: string, ids: string[], cache?: BaselineCache): Promise<Map<string, BaselineState>> {
  const out = new Map<string, BaselineState>();
  if (!ids.length) return out;
  let stale = ids;
  if (cache?.size) {
    const versions = await tx.$queryRawUnsafe<{ identityId: string; updatedAt: Date }[]>(
      `SELECT "identityId", "updatedAt" FROM "Baseline" WHERE "workspaceId" = $1 AND "identityId" = ANY($2::text[])`, workspaceId, ids,
    );
    const current = new Map(versions.map((v) => [v.identityId, v.updatedAt.getTime()]));
    stale = [];
    for (const id of ids) {
      const hit = cache.get(id);
      if (hit && current.get(id) === hit.version) out.set(id, hit.state);
      else if (current.has(id)) stale.push(id);
    }
  }
  if (stale.length) {
    const rows = await tx.baseline.findMany({ where: { workspaceId, identityId: { in: stale } } });
    for (const r of rows) out.set(r.identityId, baselineFromRow(r));
  }
  return out;
}

/** (rule, identity) pairs that fired within the rule's cooldown, measured on the wall clock. */
export async function loadBlocked(tx: Tx, workspaceId: string, ids: string[], rules: Map<TriggerKind, RuleConfig>, now: Date): Promise<Set<string>> {
  const blocked = new Set<string>();
  if (!ids.length) return blocked;
  const longest = Math.max(...[...rules.values()].map((r) => r.cooldownHours));
  if (longest <= 0) return blocked;
  const rows = await tx.$queryRawUnsafe<{ kind: TriggerKind; identityId: string; last: Date }[]>(
    `SELECT kind, "identityId", max("createdAt") AS last FROM "Finding"
     WHERE "workspaceId" = $1 AND "identityId" = ANY($2::text[]) AND "createdAt" > $3 GROUP BY kind, "identityId"`,
    workspaceId, ids, new Date(now.getTime() - longest * 3_600_000),
  );
  for (const r of rows) {
    const rule = rules.get(r.kind);
    if (rule && r.last.getTime() > now.getTime() - rule.cooldownHours * 3_600_000) blocked.add(`${r.kind}:${r.identityId}`);
  }
  return blocked;
}

export async function saveBaselines(tx: Tx, workspaceId: string, baselines: Map<string, BaselineState>, ids: Iterable<string>, cache?: BaselineCache): Promise<void> {
  const list = [...ids].filter((id) => baselines.has(id));
  if (!list.length) return;
  const payload = JSON.stringify(list.map((id) => ({ id, ...baselineToRow(baselines.get(id)!) })));
  const written = await tx.$queryRawUnsafe<{ identityId: string; updatedAt: Date }[]>(
    `INSERT INTO "Baseline" ("workspaceId", "identityId", "sourceIps", regions, "userAgents", environments, "dailyCalls", "dailyTokens", "updatedAt")
     SELECT $1, x.id, x."sourceIps", x.regions, x."userAgents", x.environments, x."dailyCalls", x."dailyTokens", clock_timestamp()
     FROM jsonb_to_recordset($2::jsonb) AS x(id text, "sourceIps" jsonb, regions jsonb, "userAgents" jsonb, environments jsonb, "dailyCalls" jsonb, "dailyTokens" jsonb)
     ON CONFLICT ("identityId") DO UPDATE SET "sourceIps" = EXCLUDED."sourceIps", regions = EXCLUDED.regions, "userAgents" = EXCLUDED."userAgents",
       environments = EXCLUDED.environments, "dailyCalls" = EXCLUDED."dailyCalls", "dailyTokens" = EXCLUDED."dailyTokens", "updatedAt" = EXCLUDED."updatedAt"
     RETURNING "identityId", "updatedAt"`,
    workspaceId, payload,
  );
  if (cache) for (const w of written) cache.set(w.identityId, { state: baselines.get(w.identityId)!, version: w.updatedAt.getTime() });
}

/** Moves lastUsedAt / lastSeenAt forward only (an old file ingested late never makes an identity look idle). */
export async function saveLastUsed(tx: Tx, workspaceId: string, identities: Map<string, Date>, credentials: Map<string, Date>): Promise<void> {
  if (identities.size) {
    await tx.$executeRawUnsafe(
      `UPDATE "Identity" i SET "lastUsedAt" = GREATEST(i."lastUsedAt", u.at), "lastSeenAt" = GREATEST(i."lastSeenAt", u.at)
       FROM unnest($2::text[], $3::timestamptz[]) AS u(id, at) WHERE i.id = u.id AND i."workspaceId" = $1`,
      workspaceId, [...identities.keys()], [...identities.values()],
    );
  }
  if (credentials.size) {
    await tx.$executeRawUnsafe(
      `UPDATE "Credential" c SET "lastUsedAt" = GREATEST(c."lastUsedAt", u.at)
       FROM unnest($2::text[], $3::timestamptz[]) AS u(id, at) WHERE c.id = u.id AND c."workspaceId" = $1`,
      workspaceId, [...credentials.keys()], [...credentials.values()],
    );
  }
}
