import { db } from "@/lib/db";
import type { ChangeKind, CredentialKind } from "@/prisma/generated/enums";
import { recordAudit } from "@/lib/audit/record-audit";
import { systemActor } from "@/lib/authz/actor";
import type { FindingDraft } from "@/lib/triggers/types";
import { FindingGate } from "@/lib/triggers/finding-gate";
import { loadBlocked, loadIdentityStates, loadRules } from "@/lib/triggers/engine-store";
import { credentialCreated, newIdentity, orphaned, permissionExpansion } from "@/lib/triggers/rules/change-triggers";
import { storeFindings } from "@/lib/findings/store-findings";

type Record_ = { id: string; identityId: string; sourceId: string | null; syncId: string | null; kind: ChangeKind; detail: unknown; actorUserId: string | null; occurredAt: Date };

const text = (detail: unknown, key: string) => {
  const v = detail && typeof detail === "object" ? (detail as Record<string, unknown>)[key] : undefined;
  return typeof v === "string" && v ? v : null;
};
const flag = (detail: unknown, key: string) => (detail && typeof detail === "object" ? (detail as Record<string, unknown>)[key] === true : false);
const CREDENTIAL_KINDS = new Set<string>(["ACCESS_KEY", "TOKEN", "CERTIFICATE", "SSH_KEY", "CLIENT_SECRET", "PASSWORD"]);

/**
 * Evaluates change records written by inventory syncs (processedAt null), up to `limit` per
 * transaction: findings, review items, processedAt and one audit event commit together, and
 * SKIP LOCKED lets two workers share the queue without evaluating a record twice.
 * The first sync of a source only builds the inventory; its additions, grants and keys are not news.
 */
export async function processChangeRecords(workspaceId: string, options: { limit?: number; now?: Date } = {}): Promise<{ processed: number; findings: number }> {
  const limit = options.limit ?? 500;
  const totals = { processed: 0, findings: 0 };
  for (;;) {
    const n = await db.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${"events:" + workspaceId}, 0))`;
      const records = await tx.$queryRawUnsafe<Record_[]>(
        `SELECT id, "identityId", "sourceId", "syncId", kind, detail, "actorUserId", "occurredAt" FROM "ChangeRecord"
         WHERE "workspaceId" = $1 AND "processedAt" IS NULL ORDER BY "occurredAt", id LIMIT $2 FOR UPDATE SKIP LOCKED`,
        workspaceId, limit,
      );
      if (!records.length) return 0;
      const now = options.now ?? new Date();
      const ids = [...new Set(records.map((r) => r.identityId))];
      const rules = await loadRules(tx, workspaceId);
      const identities = await loadIdentityStates(tx, workspaceId, ids);
      const blocked = await loadBlocked(tx, workspaceId, ids, rules, now);
      const syncIds = [...new Set(records.map((r) => r.syncId).filter((s): s is string => Boolean(s)))];
      const syncs = syncIds.length
        ? await tx.$queryRawUnsafe<{ id: string; initial: boolean; sourceName: string }[]>(
          `SELECT s.id, NOT EXISTS (SELECT 1 FROM "SourceSync" p WHERE p."sourceId" = s."sourceId" AND p.id <> s.id AND p."startedAt" < s."startedAt" AND p.status = 'SUCCEEDED') AS initial, src.name AS "sourceName"
           FROM "SourceSync" s JOIN "Source" src ON src.id = s."sourceId" WHERE s.id = ANY($1::text[])`, syncIds)
        : [];
      const syncById = new Map(syncs.map((s) => [s.id, s]));
      const actors = await tx.user.findMany({ where: { workspaceId, id: { in: records.map((r) => r.actorUserId).filter((x): x is string => Boolean(x)) } }, select: { id: true, email: true } });
      const emailOf = new Map(actors.map((a) => [a.id, a.email]));
      const sourceNames = new Map((await tx.source.findMany({ where: { workspaceId, id: { in: records.map((r) => r.sourceId).filter((x): x is string => Boolean(x)) } }, select: { id: true, name: true } })).map((s) => [s.id, s.name]));

      const gate = new FindingGate(rules, blocked);
      for (const r of records) {
        const identity = identities.get(r.identityId);
        if (!identity) continue;
        const initial = r.syncId ? (syncById.get(r.syncId)?.initial ?? false) : false;
        const actorEmail = r.actorUserId ? (emailOf.get(r.actorUserId) ?? null) : null;
        const change = { at: r.occurredAt, actorLabel: actorEmail, actorEmail, eventIds: [] as string[] };
        let draft: FindingDraft | null = null;
        if (r.kind === "IDENTITY_ADDED" && !initial && gate.on("NEW_IDENTITY")) {
          draft = newIdentity(identity, { sync: { sourceName: (r.syncId && syncById.get(r.syncId)?.sourceName) || (r.sourceId && sourceNames.get(r.sourceId)) || "the inventory", at: r.occurredAt, actorEmail } });
        } else if (r.kind === "ENTITLEMENT_GRANTED" && !initial && gate.on("PERMISSION_EXPANSION")) {
          const name = text(r.detail, "name") ?? "a permission";
          const resource = text(r.detail, "resource");
          draft = permissionExpansion(identity, { ...change, permission: resource && resource !== "*" ? `${name} on ${resource}` : name, privileged: flag(r.detail, "privileged") || undefined });
        } else if (r.kind === "CREDENTIAL_CREATED" && !initial && gate.on("CREDENTIAL_CREATED")) {
          const kind = text(r.detail, "kind");
          draft = credentialCreated(identity, { ...change, credentialId: text(r.detail, "credential") ?? text(r.detail, "externalId"), credentialKind: kind && CREDENTIAL_KINDS.has(kind) ? (kind as CredentialKind) : "ACCESS_KEY" });
        } else if (r.kind === "OWNER_CHANGED" && gate.on("ORPHANED")) {
          draft = orphaned(identity, r.occurredAt);
        }
        if (draft) gate.offer({ ...draft, actorUserId: r.actorUserId });
      }
      const stored = await storeFindings(tx, systemActor(workspaceId, "trigger-engine"), gate.accepted, rules);
      await tx.$executeRawUnsafe(`UPDATE "ChangeRecord" SET "processedAt" = $2 WHERE id = ANY($1::text[])`, records.map((r) => r.id), now);
      await recordAudit(tx, systemActor(workspaceId, "trigger-engine"), "changes.evaluated", null, { records: records.length, findings: stored.findings, reviewItemsOpened: stored.itemsOpened, reviewItemsJoined: stored.itemsJoined });
      totals.findings += stored.findings;
      return records.length;
    }, { timeout: 300_000, maxWait: 60_000 });
    totals.processed += n;
    if (n < limit) return totals;
  }
}
