import type { PackReader } from "@/lib/evidence/reader";
import { FACT_JOINS, ITEMS_FROM, RE_REVIEWED, SELF_REVIEW, campaignsWhere, scopeWhere, type PackScope } from "@/lib/evidence/scope";
import type { ControlFacts } from "@/lib/evidence/rules";

// Aggregates over the pack's scope, computed in the database (constant memory): the facts the control
// rules read, the figures the summary shows, and the per-source item counts for the reconciliation.

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

export type SourceCount = { campaignId: string; sourceId: string; n: number };

type Aggregates = {
  items: Record<string, number>; undecidedSample: string[]; selfSample: string[]; mix: { kind: string; channel: string; n: number }[];
  remGroups: { status: string | null; n: number; explained: number; late: number }[]; unverified: string[];
  exc: Record<string, number>; excSample: string[]; findingGroups: { kind: string; n: number; undecided: number }[]; sourceCounts: SourceCount[];
};

/**
 * Every aggregate over the scope in ONE statement: the in-scope items are read once (a narrow,
 * materialized row per item) and each figure is computed from that, not by re-scanning the wide
 * review-item table (snapshots inline) once per figure.
 */
export async function loadFacts(r: PackReader, scope: PackScope, opts: { generatedAt: string; exceptionMaxDays: number; campaigns: CampaignRow[] }): Promise<{ facts: ControlFacts; figures: Figures; sourceCounts: SourceCount[] }> {
  const { where, params } = scopeWhere(scope);
  const p = params.length;
  const [atNow, maxDays] = [`($${p + 1}::timestamptz AT TIME ZONE 'UTC')`, `$${p + 2}::int`];
  const beyondPolicy = `("exceptionUntil" IS NULL OR "exceptionUntil" > "decidedAt" + make_interval(days => ${maxDays}))`;
  const blank = `coalesce(btrim(justification), '') = ''`;
  const a = await r.one<Aggregates>(
    `WITH x AS MATERIALIZED (
       SELECT ri.id, ri."campaignId", ri."reviewerId", ri.snapshot->'identity'->>'sourceId' AS "sourceId", d.id AS did, d.kind::text AS kind, d.channel::text AS channel,
              d."decidedAt", d."exceptionUntil", d.justification, d."decidedAt" > ri."dueAt" AS late, d."decidedAt" <= ri."dueAt" AS "onTime",
              ${PRIVILEGED} AS privileged, ${ORPHAN} AS orphan, ${SELF_REVIEW} AS self, coalesce(${RE_REVIEWED}, false) AS "reReviewed"
       ${ITEMS_FROM} ${FACT_JOINS} LEFT JOIN "User" ou ON ou.id = ri.snapshot->'identity'->>'ownerId' WHERE ${where}),
     -- One row per REVOKE/REDUCE decision: its best remediation task (VERIFIED first).
     rem AS (SELECT DISTINCT ON (x.did) x.did AS "decisionId", t.id AS "taskId", t.status::text AS status, t."verifiedAt", t."dueAt", t.detail->>'explanation' AS explanation
             FROM x LEFT JOIN "RemediationTask" t ON t."decisionId" = x.did WHERE x.kind IN ('REVOKE', 'REDUCE') ORDER BY x.did, (t.status = 'VERIFIED') DESC, t."createdAt" DESC)
     SELECT
       (SELECT row_to_json(i) FROM (SELECT count(*) AS total, count(did) AS decided, count(*) FILTER (WHERE "reviewerId" IS NULL) AS "withoutReviewer",
          count(*) FILTER (WHERE late) AS "decidedLate", count(*) FILTER (WHERE "onTime") AS "decidedOnTime", count(*) FILTER (WHERE privileged) AS privileged,
          count(*) FILTER (WHERE privileged AND did IS NULL) AS "privilegedUndecided", count(*) FILTER (WHERE orphan) AS orphaned,
          count(*) FILTER (WHERE orphan AND did IS NULL) AS "orphanedUndecided", count(*) FILTER (WHERE self) AS "selfReview" FROM x) i) AS items,
       ARRAY(SELECT id FROM x WHERE did IS NULL ORDER BY id LIMIT 3) AS "undecidedSample",
       ARRAY(SELECT did FROM x WHERE self ORDER BY did LIMIT 3) AS "selfSample",
       (SELECT coalesce(json_agg(m), '[]') FROM (SELECT kind, channel, count(*) AS n FROM x WHERE did IS NOT NULL GROUP BY 1, 2) m) AS mix,
       (SELECT coalesce(json_agg(g), '[]') FROM (SELECT status, count(*) AS n, count(*) FILTER (WHERE coalesce(explanation, '') <> '') AS explained,
          count(*) FILTER (WHERE "verifiedAt" > "dueAt") AS late FROM rem GROUP BY 1) g) AS "remGroups",
       ARRAY(SELECT coalesce("taskId" || ' (' || status || ')', "decisionId" || ' (no task)') FROM rem
             WHERE status IS DISTINCT FROM 'VERIFIED' AND coalesce(explanation, '') = '' ORDER BY "decisionId" LIMIT 3) AS unverified,
       (SELECT row_to_json(e) FROM (SELECT count(*) AS total, count(*) FILTER (WHERE ${blank}) AS "withoutJustification", count(*) FILTER (WHERE ${beyondPolicy}) AS "beyondPolicy",
          count(*) FILTER (WHERE "exceptionUntil" < ${atNow} AND NOT "reReviewed") AS "expiredUnreviewed" FROM x WHERE kind = 'EXCEPTION') e) AS exc,
       ARRAY(SELECT did FROM x WHERE kind = 'EXCEPTION' AND (${blank} OR ${beyondPolicy}) ORDER BY did LIMIT 3) AS "excSample",
       (SELECT coalesce(json_agg(f), '[]') FROM (SELECT f.kind::text AS kind, count(*) AS n, count(*) FILTER (WHERE x.did IS NULL) AS undecided
          FROM x JOIN "Finding" f ON f."reviewItemId" = x.id GROUP BY 1) f) AS "findingGroups",
       (SELECT coalesce(json_agg(c), '[]') FROM (SELECT "campaignId", "sourceId", count(*) AS n FROM x GROUP BY 1, 2) c) AS "sourceCounts"`,
    [...params, opts.generatedAt, opts.exceptionMaxDays]);
  const { items, exc, remGroups, findingGroups } = a;
  const sum = (key: "kind" | "channel") => a.mix.reduce<Record<string, number>>((acc, m) => ({ ...acc, [m[key]]: (acc[m[key]] ?? 0) + m.n }), {});
  const kind = sum("kind");
  const rem = {
    required: remGroups.reduce((n, g) => n + g.n, 0),
    verified: remGroups.find((g) => g.status === "VERIFIED")?.n ?? 0,
    explained: remGroups.filter((g) => g.status !== "VERIFIED").reduce((n, g) => n + g.explained, 0),
    verifiedLate: remGroups.find((g) => g.status === "VERIFIED")?.late ?? 0,
  };
  const undecided = a.undecidedSample.map((id) => ({ id }));
  const selfSample = a.selfSample.map((id) => ({ id }));
  const unverified = a.unverified.map((label) => ({ label }));
  const excSample = a.excSample.map((id) => ({ id }));

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
  return { facts, figures, sourceCounts: a.sourceCounts };
}
