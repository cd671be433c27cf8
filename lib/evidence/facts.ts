import type { PackReader } from "@/lib/evidence/reader";
import { FACT_JOINS, ITEMS_FROM, RE_REVIEWED, SELF_REVIEW, campaignsWhere, scopeWhere, type PackScope } from "@/lib/evidence/scope";
import type { ControlFacts } from "@/lib/evidence/rules";

// Aggregates over the pack's scope, computed in the database (constant memory): the facts the control
// rules read and the figures the summary shows.

export type CampaignRow = {
  id: string; name: string; kind: string; status: string; createdAt: string; launchedAt: string | null; dueAt: string | null; closedAt: string | null;
  signedOffAt: string | null; signOffStatement: string | null; signedOffBy: string | null; population: unknown; scope: unknown; items: number;
};

export function loadCampaigns(r: PackReader, scope: PackScope) {
  const { where, params } = campaignsWhere(scope);
  return r.rows<CampaignRow>(
    `SELECT c.id, c.name, c.kind::text AS kind, c.status::text AS status, c."createdAt", c."launchedAt", c."dueAt", c."closedAt", c."signedOffAt", c."signOffStatement",
            u.email AS "signedOffBy", c.population, c.scope, (SELECT count(*) FROM "ReviewItem" x WHERE x."campaignId" = c.id) AS items
     FROM "Campaign" c LEFT JOIN "User" u ON u.id = c."signedOffById" WHERE ${where} ORDER BY c."launchedAt" NULLS LAST, c.id`,
    params,
  );
}

const ORPHAN = `(ri.snapshot->'identity'->>'ownerId' IS NULL OR coalesce(ri.snapshot->'context'->>'ownerStatus', ou.status::text) IS DISTINCT FROM 'ACTIVE')`;
const PRIVILEGED = `coalesce((ri.snapshot->'identity'->>'privileged')::boolean, false)`;

export type Figures = {
  decisionsByKind: Record<string, number>;
  decisionsByChannel: Record<string, number>;
  remediationByStatus: Record<string, number>;
  findingsByKind: Record<string, number>;
  decidedOnTime: number;
};

export async function loadFacts(r: PackReader, scope: PackScope, opts: { generatedAt: string; exceptionMaxDays: number; campaigns: CampaignRow[] }): Promise<{ facts: ControlFacts; figures: Figures }> {
  const { where, params } = scopeWhere(scope);
  const p = params.length;
  const items = await r.one<Record<string, number>>(
    `SELECT count(*) AS total, count(d.id) AS decided, count(*) FILTER (WHERE ri."reviewerId" IS NULL) AS "withoutReviewer",
            count(*) FILTER (WHERE d."decidedAt" > ri."dueAt") AS "decidedLate", count(*) FILTER (WHERE d."decidedAt" <= ri."dueAt") AS "decidedOnTime",
            count(*) FILTER (WHERE ${PRIVILEGED}) AS privileged, count(*) FILTER (WHERE ${PRIVILEGED} AND d.id IS NULL) AS "privilegedUndecided",
            count(*) FILTER (WHERE ${ORPHAN}) AS orphaned, count(*) FILTER (WHERE ${ORPHAN} AND d.id IS NULL) AS "orphanedUndecided",
            count(*) FILTER (WHERE ${SELF_REVIEW}) AS "selfReview"
     ${ITEMS_FROM} ${FACT_JOINS} LEFT JOIN "User" ou ON ou.id = ri.snapshot->'identity'->>'ownerId' WHERE ${where}`, params);
  const undecided = await r.rows<{ id: string }>(`SELECT ri.id ${ITEMS_FROM} WHERE ${where} AND d.id IS NULL ORDER BY ri.id LIMIT 3`, params);
  const selfSample = await r.rows<{ id: string }>(`SELECT d.id ${ITEMS_FROM} ${FACT_JOINS} WHERE ${where} AND ${SELF_REVIEW} ORDER BY d.id LIMIT 3`, params);
  const mix = await r.rows<{ kind: string; channel: string; n: number }>(`SELECT d.kind::text AS kind, d.channel::text AS channel, count(*) AS n ${ITEMS_FROM} WHERE ${where} AND d.id IS NOT NULL GROUP BY 1, 2`, params);
  const sum = (key: "kind" | "channel") => mix.reduce<Record<string, number>>((acc, m) => ({ ...acc, [m[key]]: (acc[m[key]] ?? 0) + m.n }), {});
  const kind = sum("kind");

  // One row per REVOKE/REDUCE decision: its best remediation task (VERIFIED first).
  const remediationRows = `SELECT DISTINCT ON (d.id) d.id AS "decisionId", t.id AS "taskId", t.status::text AS status, t."verifiedAt", t."dueAt", t.detail->>'explanation' AS explanation
     ${ITEMS_FROM} LEFT JOIN "RemediationTask" t ON t."decisionId" = d.id
     WHERE ${where} AND d.kind IN ('REVOKE', 'REDUCE')
     ORDER BY d.id, (t.status = 'VERIFIED') DESC, t."createdAt" DESC`;
  const remGroups = await r.rows<{ status: string | null; n: number; explained: number; late: number }>(
    `SELECT status, count(*) AS n, count(*) FILTER (WHERE coalesce(explanation, '') <> '') AS explained, count(*) FILTER (WHERE "verifiedAt" > "dueAt") AS late
     FROM (${remediationRows}) x GROUP BY 1`, params);
  const rem = {
    required: remGroups.reduce((n, g) => n + g.n, 0),
    verified: remGroups.find((g) => g.status === "VERIFIED")?.n ?? 0,
    explained: remGroups.filter((g) => g.status !== "VERIFIED").reduce((n, g) => n + g.explained, 0),
    verifiedLate: remGroups.find((g) => g.status === "VERIFIED")?.late ?? 0,
  };
  const unverified = await r.rows<{ label: string }>(
    `SELECT coalesce("taskId" || ' (' || status || ')', "decisionId" || ' (no task)') AS label FROM (${remediationRows}) x
     WHERE status IS DISTINCT FROM 'VERIFIED' AND coalesce(explanation, '') = '' ORDER BY "decisionId" LIMIT 3`, params);

  const exc = await r.one<Record<string, number>>(
    `SELECT count(*) AS total, count(*) FILTER (WHERE coalesce(btrim(d.justification), '') = '') AS "withoutJustification",
            count(*) FILTER (WHERE d."exceptionUntil" IS NULL OR d."exceptionUntil" > d."decidedAt" + make_interval(days => $${p + 2})) AS "beyondPolicy",
            count(*) FILTER (WHERE d."exceptionUntil" < ($${p + 1}::timestamptz AT TIME ZONE 'UTC') AND NOT coalesce(${RE_REVIEWED}, false)) AS "expiredUnreviewed"
     ${ITEMS_FROM} ${FACT_JOINS} WHERE ${where} AND d.kind = 'EXCEPTION'`, [...params, opts.generatedAt, opts.exceptionMaxDays]);
  const excSample = await r.rows<{ id: string }>(
    `SELECT d.id ${ITEMS_FROM} WHERE ${where} AND d.kind = 'EXCEPTION' AND (coalesce(btrim(d.justification), '') = '' OR d."exceptionUntil" IS NULL
       OR d."exceptionUntil" > d."decidedAt" + make_interval(days => $${p + 1})) ORDER BY d.id LIMIT 3`, [...params, opts.exceptionMaxDays]);

  const findingGroups = await r.rows<{ kind: string; n: number; undecided: number }>(
    `SELECT f.kind::text AS kind, count(*) AS n, count(*) FILTER (WHERE d.id IS NULL) AS undecided ${ITEMS_FROM} JOIN "Finding" f ON f."reviewItemId" = ri.id WHERE ${where} GROUP BY 1`, params);

  const now = Date.parse(opts.generatedAt);
  const campaigns = opts.campaigns;
  const facts: ControlFacts = {
    items: {
      total: items.total!, decided: items.decided!, undecidedSample: undecided.map((u) => u.id), withoutReviewer: items.withoutReviewer!, decidedLate: items.decidedLate!,
      privileged: items.privileged!, privilegedUndecided: items.privilegedUndecided!, orphaned: items.orphaned!, orphanedUndecided: items.orphanedUndecided!,
    },
    decisions: {
      attest: kind.ATTEST ?? 0, revoke: kind.REVOKE ?? 0, reduce: kind.REDUCE ?? 0, exception: kind.EXCEPTION ?? 0, reassign: kind.REASSIGN ?? 0,
      selfReview: items.selfReview!, selfReviewSample: selfSample.map((s) => s.id),
    },
    remediation: { ...rem, unverifiedSample: unverified.map((u) => u.label) },
    exceptions: { total: exc.total!, withoutJustification: exc.withoutJustification!, beyondPolicy: exc.beyondPolicy!, expiredUnreviewed: exc.expiredUnreviewed!, sample: excSample.map((s) => s.id) },
    findings: { total: findingGroups.reduce((n, g) => n + g.n, 0), onUndecidedItems: findingGroups.reduce((n, g) => n + g.undecided, 0) },
    population: { sources: 0, sourcesWithoutExtraction: [], unexplainedDifferences: [] },
    campaigns: {
      total: campaigns.length,
      open: campaigns.filter((c) => c.kind === "SCHEDULED" && c.status !== "CLOSED").length,
      notSignedOff: campaigns.filter((c) => c.kind === "SCHEDULED" && c.status === "CLOSED" && !c.signedOffAt).length,
      closedLate: campaigns.filter((c) => c.kind === "SCHEDULED" && c.dueAt !== null && (c.closedAt ? Date.parse(c.closedAt) > Date.parse(c.dueAt) : now > Date.parse(c.dueAt))).length,
    },
    auditChain: { ok: true, events: 0, firstSeq: null, headSeq: null },
  };
  const figures: Figures = {
    decisionsByKind: kind,
    decisionsByChannel: sum("channel"),
    remediationByStatus: Object.fromEntries(remGroups.map((g) => [g.status ?? "NO TASK", g.n])),
    findingsByKind: Object.fromEntries(findingGroups.map((g) => [g.kind, g.n])),
    decidedOnTime: items.decidedOnTime!,
  };
  return { facts, figures };
}
