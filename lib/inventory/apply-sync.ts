import { recordAudit } from "@/lib/audit/record-audit";
import type { Actor } from "@/lib/authz/actor";
import { notFound } from "@/lib/errors";
import { IssueList, type Coverage, type NormalizedIdentity, type RowIssue } from "@/lib/inventory/formats/types";
import { bindParams } from "@/lib/inventory/sync/bind-params";
import { SyncConnection, copyRows } from "@/lib/inventory/sync/sync-connection";
import { STAGE_COLUMNS, STAGE_TABLE_SQL, newIdentityId, stageRows, type StageContext } from "@/lib/inventory/sync/stage-rows";
import * as sql from "@/lib/inventory/sync/sync-sql";
import type { OwnerRuleSpec } from "@/lib/ownership/rules";
import { verifyRemediationAfterSync } from "@/lib/remediation/verify-remediation-after-sync";
import type { Prisma } from "@/prisma/generated/client";

export type SyncInput = {
  actor: Actor;
  sourceId: string;
  /** the SourceSync row this run fills in (created QUEUED/RUNNING by the caller) */
  syncId: string;
  /** snapshot: the file is the whole source (missing identities are removed); upsert: only what is sent */
  mode: "snapshot" | "upsert";
  discoveredBy: "IMPORT" | "API";
  coverage: Coverage;
  identities: Iterable<NormalizedIdentity> | AsyncIterable<NormalizedIdentity>;
  /** called while rows stream into the database, with the number of identities staged so far */
  onProgress?: (staged: number) => Promise<void> | void;
};

export type SyncSummary = {
  seen: number;
  added: number;
  changed: number;
  removed: number;
  credentials: { created: number; rotated: number; removed: number };
  entitlements: { granted: number; removed: number };
  owners: { changed: number };
  /** first load of an empty source: rows are inserted without change records (nothing changed yet) */
  baseline: boolean;
  /** remediation tasks this sync verified (credential disabled / entitlement gone), checked after it committed */
  remediation: { verified: number };
  timings: Record<string, number>;
};

/** The file (or pushed batch) was refused as a whole; nothing was applied. */
export class SyncRefused extends Error {
  constructor(readonly errors: RowIssue[]) {
    super(`${errors.length} problem${errors.length === 1 ? "" : "s"} in the input; nothing was applied`);
    this.name = "SyncRefused";
  }
}

const PROGRESS_EVERY = 10_000;

/**
 * Applies one extraction of a source — file import, push API and CLI all come here. Rows stream into
 * a session temp table with COPY, then ONE transaction diffs them against the source's current state
 * with set-based SQL, writes the change records, the SourceSync counts and a single audit event.
 * Invariant: a sync is applied entirely or not at all; identities are never deleted, only REMOVED.
 */
export async function applySync(input: SyncInput): Promise<SyncSummary> {
  const timings: Record<string, number> = {};
  const time = async <T,>(name: string, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await work();
    } finally {
      timings[name] = Math.round(performance.now() - started);
    }
  };
  const { actor, coverage } = input;
  const conn = await SyncConnection.open();
  try {
    const source = await conn.prisma.source.findFirst({ where: { id: input.sourceId, workspaceId: actor.workspaceId } });
    if (!source) throw notFound("Source");
    const sync = await conn.prisma.sourceSync.findFirst({ where: { id: input.syncId, sourceId: source.id } });
    if (!sync) throw notFound("Sync");
    const ctx = await stageContext(conn, actor.workspaceId, source.id, coverage);

    const issues = new IssueList();
    let seen = 0;
    await time("stage", () =>
      conn.raw(async (client) => {
        await client.query("DROP TABLE IF EXISTS rc_stage");
        await client.query(STAGE_TABLE_SQL);
        const lines = new Map<string, number | null>();
        async function* rows() {
          for await (const identity of input.identities) {
            if (lines.has(identity.externalId)) {
              issues.add(identity.line, "externalId", `"${identity.externalId}" already appears${lines.get(identity.externalId) ? ` on line ${lines.get(identity.externalId)}` : " earlier"}`);
              continue;
            }
            lines.set(identity.externalId, identity.line);
            const staged = stageRows(identity, ctx, newIdentityId());
            for (const issue of staged.issues) issues.add(issue.line, issue.column, issue.reason);
            seen++;
            if (seen % PROGRESS_EVERY === 0) await input.onProgress?.(seen);
            yield staged.text;
          }
        }
        await copyRows(client, `COPY rc_stage (${STAGE_COLUMNS.join(", ")}) FROM STDIN`, rows());
        await client.query("ANALYZE rc_stage");
      }),
    );
    if (issues.size > 0) throw new SyncRefused(issues.list());
    await input.onProgress?.(seen);

    const now = new Date();
    const params = [actor.workspaceId, source.id, sync.id, input.discoveredBy, now.toISOString(), coverage.removalScope === "all" ? [] : coverage.removalScope, coverage.retain];
    const summary = await time("apply", () =>
      conn.prisma.$transaction(
        async (tx) => {
          const run = (name: string, statement: string) => {
            const bound = bindParams(statement, params);
            return time(name, () => tx.$executeRawUnsafe(bound.sql, ...bound.values));
          };
          const count = async (name: string, statement: string) => {
            const bound = bindParams(statement, params);
            const rows = await time(name, () => tx.$queryRawUnsafe<{ n: number }[]>(bound.sql, ...bound.values));
            return Number(rows[0]?.n ?? 0);
          };
          // One sync per source at a time: the diff below must see a state nobody else is changing.
          await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(hashtextextended('inventory-sync:' || $1, 0))`, source.id);
          const [{ present }] = await tx.$queryRawUnsafe<{ present: boolean }[]>(`SELECT EXISTS (SELECT 1 FROM "Identity" WHERE "sourceId" = $1) AS present`, source.id) as [{ present: boolean }];
          const baseline = !present;
          const result: Omit<SyncSummary, "timings" | "seen" | "remediation"> = { added: 0, changed: 0, removed: 0, credentials: { created: 0, rotated: 0, removed: 0 }, entitlements: { granted: 0, removed: 0 }, owners: { changed: 0 }, baseline };

          if (baseline) {
            result.added = await run("identities", sql.insertIdentitiesBaseline(coverage));
            if (coverage.credentials) result.credentials.created = await run("credentials", sql.insertCredentialsBaseline);
            if (coverage.entitlements) result.entitlements.granted = await run("entitlements", sql.insertEntitlementsBaseline);
          } else {
            await run("diff-identities", sql.createIdentityDiff(coverage));
            await tx.$executeRawUnsafe("ANALYZE rc_identity");
            await tx.$executeRawUnsafe("CREATE TEMP TABLE rc_touched (id text, reappeared boolean) ON COMMIT DROP");
            result.added = await run("identity-added-changes", sql.recordIdentitiesAdded);
            result.owners.changed = await count("owner-changes", sql.recordOwnersChanged);
            await run("insert-identities", sql.insertNewIdentities);
            await run("update-identities", sql.updateChangedIdentities);
            if (input.mode === "snapshot") {
              result.removed = await count("remove-identities", sql.removeMissingIdentities(coverage, true));
            }
            if (coverage.credentials) {
              await run("diff-credentials", sql.createCredentialDiff);
              result.credentials.created = await count("credential-created", sql.recordCredentialsCreated);
              result.credentials.rotated = await count("credential-rotated", sql.recordCredentialsRotated);
              // Removal first: it compares current rows with the file, before new rows join the table.
              result.credentials.removed = await count("credential-removed", sql.removeMissingCredentials);
              await run("insert-credentials", sql.insertNewCredentials);
              await run("update-credentials", sql.updateChangedCredentials);
            }
            if (coverage.entitlements) {
              await run("diff-entitlements", sql.createEntitlementDiff);
              result.entitlements.granted = await count("entitlement-granted", sql.recordEntitlementsGranted);
              result.entitlements.removed = await count("entitlement-removed", sql.removeMissingEntitlements);
              await run("insert-entitlements", sql.insertNewEntitlements);
              await run("update-entitlements", sql.updateChangedEntitlements);
            }
            result.changed = await count("count-changed", sql.countChangedIdentities);
            await run("mark-changed", sql.markChildChangedIdentities);
          }

          const stats = { phase: "done", baseline, mode: input.mode, credentials: result.credentials, entitlements: result.entitlements, owners: result.owners, timings };
          await tx.sourceSync.update({
            where: { id: sync.id },
            data: { status: "SUCCEEDED", finishedAt: new Date(), rowsApplied: seen, seenCount: seen, addedCount: result.added, changedCount: result.changed, removedCount: result.removed, stats: stats as Prisma.InputJsonObject, errors: undefined },
          });
          await tx.source.update({ where: { id: source.id }, data: { lastSyncedAt: now } });
          await recordAudit(tx, actor, "inventory.synced", { type: "SourceSync", id: sync.id }, {
            sourceId: source.id, source: source.name, format: sync.format, fileSha256: sync.fileSha256, mode: input.mode, baseline,
            seen, added: result.added, changed: result.changed, removed: result.removed, credentials: result.credentials, entitlements: result.entitlements, owners: result.owners,
          });
          return result;
        },
        { timeout: 60 * 60_000, maxWait: 60_000 },
      ),
    );
    // Only now, with the sync committed, can it vouch for remediation: a task is VERIFIED when the
    // synced inventory shows the credential disabled / entitlement gone (lib/remediation).
    const verified = await time("verify-remediation", () => verifyAfterSync(actor.workspaceId, sync.id));
    return { ...summary, seen, timings, remediation: { verified } };
  } finally {
    await conn.raw((client) => client.query("DROP TABLE IF EXISTS rc_stage")).catch(() => undefined);
    await conn.close();
  }
}

async function stageContext(conn: SyncConnection, workspaceId: string, sourceId: string, coverage: Coverage): Promise<StageContext> {
  const [users, teams, rules] = await Promise.all([
    coverage.owners ? conn.prisma.user.findMany({ where: { workspaceId }, select: { id: true, email: true } }) : [],
    coverage.owners ? conn.prisma.team.findMany({ where: { workspaceId }, select: { id: true, name: true } }) : [],
    conn.prisma.ownerRule.findMany({ where: { workspaceId, enabled: true, OR: [{ sourceId: null }, { sourceId }] }, orderBy: [{ position: "asc" }, { createdAt: "asc" }] }),
  ]);
  return {
    sourceId,
    coverage,
    usersByEmail: new Map(users.map((u) => [u.email.toLowerCase(), u.id])),
    teamsByName: new Map(teams.map((t) => [t.name.toLowerCase(), t.id])),
    rules: rules as OwnerRuleSpec[],
  };
}

/**
 * The sync is applied whatever happens here: a verification that fails is logged and tried again by
 * the next sync of the source (the tasks stay EXECUTED / OPEN), never turned into a failed import.
 */
async function verifyAfterSync(workspaceId: string, syncId: string): Promise<number> {
  try {
    return (await verifyRemediationAfterSync(workspaceId, syncId)).length;
  } catch (error) {
    console.error(`[inventory] remediation verification after sync ${syncId} failed; the next sync retries it`, error);
    return 0;
  }
}
