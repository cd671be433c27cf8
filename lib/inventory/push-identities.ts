import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record-audit";
import { assertCan, type Actor } from "@/lib/authz/actor";
import { notFound } from "@/lib/errors";
import { applySync, SyncRefused, type SyncSummary } from "@/lib/inventory/apply-sync";
import { duplicateKeys, identityFromInput, rollcallCoverage } from "@/lib/inventory/formats/rollcall-identity";
import type { RowIssue } from "@/lib/inventory/formats/types";
import type { PushIdentitiesInput } from "@/lib/inventory/schema";
import { requestedBy } from "@/lib/inventory/start-import";
import type { Prisma } from "@/prisma/generated/client";

export type PushResult = { ok: true; syncId: string; summary: SyncSummary } | { ok: false; syncId: string; errors: RowIssue[] };

/**
 * `PUT /api/v1/sources/{id}/identities`: the same sync as a file import, recorded as a SourceSync of
 * format "push-api". Upsert leaves identities that are not sent alone; snapshot removes them.
 * Invariant: a batch with any bad identity is refused whole and nothing of it is applied.
 */
export async function pushIdentities(actor: Actor, sourceId: string, input: PushIdentitiesInput): Promise<PushResult> {
  assertCan(actor, "inventory:write");
  const source = await db.source.findFirst({ where: { id: sourceId, workspaceId: actor.workspaceId }, select: { id: true } });
  if (!source) throw notFound("Source");
  const identities = input.identities.map((item, i) => identityFromInput(item, i));
  const sync = await db.sourceSync.create({
    data: { workspaceId: actor.workspaceId, sourceId, format: "push-api", status: "RUNNING", parameters: { mode: input.mode, count: identities.length, requestedBy: requestedBy(actor) }, triggeredById: actor.type === "USER" ? actor.userId : null, rowsParsed: identities.length, stats: { phase: "applying" } },
    select: { id: true },
  });
  // Pushed items have no file lines: errors name the item's index as `identities[i]`.
  const errors: RowIssue[] = identities.flatMap((identity, i) => duplicateKeys(identity).map((d) => ({ line: null, column: `identities[${i}]`, reason: `${d} is listed twice` })));
  const seen = new Map<string, number>();
  identities.forEach((identity, i) => {
    const first = seen.get(identity.externalId);
    if (first !== undefined) errors.push({ line: null, column: `identities[${i}].externalId`, reason: `"${identity.externalId}" is also identities[${first}]` });
    else seen.set(identity.externalId, i);
  });
  errors.push(...(await unknownOwners(actor.workspaceId, identities)));
  try {
    if (errors.length) throw new SyncRefused(errors);
    const summary = await applySync({ actor, sourceId, syncId: sync.id, mode: input.mode, discoveredBy: "API", coverage: rollcallCoverage(), identities: identities.map((identity) => ({ ...identity, line: null })) });
    return { ok: true, syncId: sync.id, summary };
  } catch (error) {
    const refused = error instanceof SyncRefused ? error.errors : [{ line: null, column: null, reason: "the batch could not be applied" }];
    await db.$transaction(async (tx) => {
      await tx.sourceSync.update({ where: { id: sync.id }, data: { status: "FAILED", finishedAt: new Date(), errors: refused as unknown as Prisma.InputJsonArray, stats: { phase: "refused" } } });
      await recordAudit(tx, actor, "inventory.sync-refused", { type: "SourceSync", id: sync.id }, { sourceId, format: "push-api", errors: refused.length, firstError: refused[0] ?? null });
    });
    if (!(error instanceof SyncRefused)) throw error;
    return { ok: false, syncId: sync.id, errors: refused };
  }
}

/** Owners named by email or team must exist in the workspace (checked here to name the item). */
async function unknownOwners(workspaceId: string, identities: ReturnType<typeof identityFromInput>[]): Promise<RowIssue[]> {
  const emails = [...new Set(identities.flatMap((i) => (i.owner?.email ? [i.owner.email.toLowerCase()] : [])))];
  const teams = [...new Set(identities.flatMap((i) => (i.owner?.team ? [i.owner.team] : [])))];
  const [users, knownTeams] = await Promise.all([
    emails.length ? db.user.findMany({ where: { workspaceId, email: { in: emails } }, select: { email: true } }) : [],
    teams.length ? db.team.findMany({ where: { workspaceId, name: { in: teams, mode: "insensitive" } }, select: { name: true } }) : [],
  ]);
  const userSet = new Set(users.map((u) => u.email.toLowerCase()));
  const teamSet = new Set(knownTeams.map((t) => t.name.toLowerCase()));
  return identities.flatMap((identity, i) => [
    ...(identity.owner?.email && !userSet.has(identity.owner.email.toLowerCase()) ? [{ line: null, column: `identities[${i}].owner.email`, reason: `no person with the email ${identity.owner.email} in this workspace` }] : []),
    ...(identity.owner?.team && !teamSet.has(identity.owner.team.toLowerCase()) ? [{ line: null, column: `identities[${i}].owner.team`, reason: `no team named ${identity.owner.team} in this workspace` }] : []),
  ]);
}
