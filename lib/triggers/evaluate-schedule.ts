import { db, type Tx } from "@/lib/db";
import type { CredentialKind, TriggerKind } from "@/prisma/generated/enums";
import { recordAudit } from "@/lib/audit/record-audit";
import { systemActor } from "@/lib/authz/actor";
import type { FindingDraft, IdentityState } from "@/lib/triggers/types";
import { FindingGate, type RuleConfig } from "@/lib/triggers/finding-gate";
import { loadRules } from "@/lib/triggers/engine-store";
import { dormant } from "@/lib/triggers/rules/behaviour-triggers";
import { credentialExpiring, credentialMaxAge, orphaned } from "@/lib/triggers/rules/change-triggers";
import { storeFindings } from "@/lib/findings/store-findings";

// Rules that depend on the clock, not on an event: dormant, credential age, credential expiry, orphaned.
// A condition fires once and stays quiet while its finding is open or in review, and within the cooldown.

const PAGE = 1000;

type Row = IdentityState & { credentialExternalId: string | null; credentialKind: CredentialKind | null; credentialCreatedAt: Date | null; credentialRotatedAt: Date | null; credentialExpiresAt: Date | null };

const IDENTITY_COLUMNS = `i.id, i.name, i.kind, i.environment, i.privileged, i."ownerId", u.name AS "ownerName", u.status AS "ownerStatus", i."owningTeamId", i."discoveredBy", i."lastUsedAt", i."firstSeenAt"`;

/** Candidates for one rule, with no open finding and none within the cooldown, one page after `cursor`. */
function candidateSql(kind: TriggerKind): string {
  const quiet = `NOT EXISTS (SELECT 1 FROM "Finding" f WHERE f."workspaceId" = i."workspaceId" AND f."identityId" = i.id AND f.kind = '${kind}'
    AND (f.status IN ('OPEN', 'IN_REVIEW') OR f."createdAt" > $3))`;
  const base = `FROM "Identity" i LEFT JOIN "User" u ON u.id = i."ownerId" WHERE i."workspaceId" = $1 AND i.status = 'ACTIVE' AND i.id > $2 AND ${quiet}`;
  const credential = (condition: string, order: string) => `SELECT DISTINCT ON (i.id) ${IDENTITY_COLUMNS}, c."externalId" AS "credentialExternalId", c.kind AS "credentialKind",
    c."createdAt" AS "credentialCreatedAt", c."lastRotatedAt" AS "credentialRotatedAt", c."expiresAt" AS "credentialExpiresAt"
    ${base.replace("WHERE", `JOIN "Credential" c ON c."identityId" = i.id AND c.status = 'ACTIVE' AND ${condition} WHERE`)} ORDER BY i.id, ${order} LIMIT ${PAGE}`;
  switch (kind) {
    case "DORMANT":
      return `SELECT ${IDENTITY_COLUMNS} ${base} AND COALESCE(i."lastUsedAt", i."firstSeenAt") < $4 ORDER BY i.id LIMIT ${PAGE}`;
    case "ORPHANED":
      return `SELECT ${IDENTITY_COLUMNS} ${base} AND (i."ownerId" IS NULL OR u.status = 'DEPARTED') AND i."firstSeenAt" <= $4 ORDER BY i.id LIMIT ${PAGE}`;
    case "CREDENTIAL_MAX_AGE":
      return credential(`COALESCE(c."lastRotatedAt", c."createdAt") < $4`, `COALESCE(c."lastRotatedAt", c."createdAt")`);
    case "CREDENTIAL_EXPIRING":
      return credential(`c."expiresAt" > $5 AND c."expiresAt" <= $4`, `c."expiresAt"`);
    default:
      throw new Error(`${kind} is not a scheduled rule`);
  }
}

const scheduled: { kind: TriggerKind; cutoff: (rule: RuleConfig, now: Date) => Date; evaluate: (row: Row, rule: RuleConfig, now: Date) => FindingDraft | null }[] = [
  { kind: "DORMANT", cutoff: (r, now) => new Date(now.getTime() - (r.params.days ?? 90) * 86_400_000), evaluate: (row, r, now) => dormant(row, now, r.params) },
  { kind: "ORPHANED", cutoff: (_r, now) => now, evaluate: (row, _r, now) => orphaned(row, now) },
  {
    kind: "CREDENTIAL_MAX_AGE", cutoff: (r, now) => new Date(now.getTime() - (r.params.maxAgeDays ?? 90) * 86_400_000),
    evaluate: (row, r, now) => credentialMaxAge(row, { externalId: row.credentialExternalId!, kind: row.credentialKind!, createdAt: row.credentialCreatedAt, lastRotatedAt: row.credentialRotatedAt, expiresAt: row.credentialExpiresAt }, now, r.params),
  },
  {
    kind: "CREDENTIAL_EXPIRING", cutoff: (r, now) => new Date(now.getTime() + (r.params.withinDays ?? 14) * 86_400_000),
    evaluate: (row, r, now) => credentialExpiring(row, { externalId: row.credentialExternalId!, kind: row.credentialKind!, createdAt: row.credentialCreatedAt, lastRotatedAt: row.credentialRotatedAt, expiresAt: row.credentialExpiresAt }, now, r.params),
  },
];

async function page(tx: Tx, workspaceId: string, kind: TriggerKind, rule: RuleConfig, cursor: string, now: Date, cutoff: Date): Promise<Row[]> {
  const since = new Date(now.getTime() - rule.cooldownHours * 3_600_000);
  return tx.$queryRawUnsafe<Row[]>(candidateSql(kind), workspaceId, cursor, since, cutoff, ...(kind === "CREDENTIAL_EXPIRING" ? [now] : []));
}

/**
 * Evaluates the scheduled rules for one workspace, a page of identities per transaction (findings,
 * review items and one audit event per page commit together). Returns the number of findings opened.
 */
export async function evaluateScheduledTriggers(workspaceId: string, now = new Date()): Promise<{ findings: number; itemsOpened: number; itemsJoined: number }> {
  const totals = { findings: 0, itemsOpened: 0, itemsJoined: 0 };
  const rules = await db.$transaction((tx) => loadRules(tx, workspaceId));
  for (const s of scheduled) {
    const rule = rules.get(s.kind);
    if (!rule?.enabled) continue;
    let cursor = "";
    for (;;) {
      const done = await db.$transaction(async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${"events:" + workspaceId}, 0))`;
        const rows = await page(tx, workspaceId, s.kind, rule, cursor, now, s.cutoff(rule, now));
        if (!rows.length) return true;
        cursor = rows[rows.length - 1]!.id;
        const gate = new FindingGate(rules, new Set());
        for (const row of rows) gate.offer(s.evaluate(row, rule, now));
        const stored = await storeFindings(tx, systemActor(workspaceId, "trigger-engine"), gate.accepted, rules);
        await recordAudit(tx, systemActor(workspaceId, "trigger-engine"), "triggers.scheduled", null, { rule: s.kind, candidates: rows.length, findings: stored.findings, reviewItemsOpened: stored.itemsOpened, reviewItemsJoined: stored.itemsJoined });
        totals.findings += stored.findings;
        totals.itemsOpened += stored.itemsOpened;
        totals.itemsJoined += stored.itemsJoined;
        return rows.length < PAGE;
      }, { timeout: 300_000, maxWait: 60_000 });
      if (done) break;
    }
  }
  return totals;
}
