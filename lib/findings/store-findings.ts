import type { Tx } from "@/lib/db";
import type { Actor } from "@/lib/authz/actor";
import type { TriggerKind } from "@/prisma/generated/enums";
import type { FindingDraft } from "@/lib/triggers/types";
import type { RuleConfig } from "@/lib/triggers/finding-gate";
import { openOrJoinContinuousItem } from "@/lib/reviews/open-review-item";
import { reviewExclusions } from "@/lib/findings/rules";

export type StoreResult = { findings: number; itemsOpened: number; itemsJoined: number };

/**
 * Stores trigger findings with their causing event ids and the person who caused them (matched by
 * email), then puts them on one review item per identity in the continuous campaign (opened, or
 * joined while pending), all in the caller's transaction. Nobody reviews a change they made: when the
 * owner made it, the item goes to the workspace fallback reviewer.
 */
export async function storeFindings(tx: Tx, actor: Actor, drafts: FindingDraft[], rules: Map<TriggerKind, RuleConfig>): Promise<StoreResult> {
  if (!drafts.length) return { findings: 0, itemsOpened: 0, itemsJoined: 0 };
  const { workspaceId } = actor;
  const emails = [...new Set(drafts.map((d) => d.actorEmail).filter((e): e is string => Boolean(e)))];
  const users = emails.length ? await tx.user.findMany({ where: { workspaceId, email: { in: emails } }, select: { id: true, email: true } }) : [];
  const userByEmail = new Map(users.map((u) => [u.email, u.id]));
  const created = await tx.finding.createManyAndReturn({
    data: drafts.map((d) => ({
      workspaceId, ruleId: rules.get(d.kind)?.id ?? null, kind: d.kind, identityId: d.identityId, severity: d.severity, sentence: d.sentence,
      detail: { ...d.detail, at: d.at.toISOString() }, eventIds: d.eventIds, actorUserId: d.actorUserId ?? (d.actorEmail ? (userByEmail.get(d.actorEmail) ?? null) : null),
    })),
    select: { id: true, identityId: true, kind: true, severity: true, sentence: true, actorUserId: true, eventIds: true },
  });

  const byIdentity = new Map<string, typeof created>();
  for (const f of created) byIdentity.set(f.identityId, [...(byIdentity.get(f.identityId) ?? []), f]);
  const identityIds = [...byIdentity.keys()];
  // Flat SQL, one statement after another: a transaction is one connection, and Prisma runs the
  // relation loads of an `include` concurrently on it (pg's "already executing a query" warning).
  const people = await tx.$queryRawUnsafe<{ id: string; ownerId: string | null; teamLeadId: string | null; fallbackId: string | null }[]>(
    `SELECT i.id, CASE WHEN o.status = 'ACTIVE' THEN i."ownerId" END AS "ownerId", t."leadId" AS "teamLeadId", f.id AS "fallbackId"
     FROM "Identity" i JOIN "Workspace" w ON w.id = i."workspaceId"
     LEFT JOIN "User" o ON o.id = i."ownerId" LEFT JOIN "Team" t ON t.id = i."owningTeamId"
     LEFT JOIN "User" f ON f.id = w."fallbackReviewerId" AND f."workspaceId" = w.id AND f.status = 'ACTIVE'
     WHERE i."workspaceId" = $1 AND i.id = ANY($2::text[])`,
    workspaceId, identityIds,
  );
  const pending = await tx.$queryRawUnsafe<{ identityId: string }[]>(
    `SELECT DISTINCT r."identityId" FROM "ReviewItem" r JOIN "Campaign" c ON c.id = r."campaignId"
     WHERE r."workspaceId" = $1 AND r."identityId" = ANY($2::text[]) AND r.status IN ('PENDING', 'ESCALATED') AND c.kind = 'CONTINUOUS' AND c.status = 'ACTIVE'`,
    workspaceId, identityIds,
  );
  const peopleById = new Map(people.map((p) => [p.id, p]));
  const hadItem = new Set(pending.map((p) => p.identityId));

  let itemsOpened = 0;
  let itemsJoined = 0;
  for (const [identityId, list] of byIdentity) {
    const p = peopleById.get(identityId);
    const changedBy = [...new Set(list.map((f) => f.actorUserId).filter((x): x is string => Boolean(x)))];
    const excludedUserIds = reviewExclusions({ ownerId: p?.ownerId ?? null, teamLeadId: p?.teamLeadId ?? null, fallbackId: p?.fallbackId ?? null, changedBy });
    await openOrJoinContinuousItem(tx, actor, {
      identityId,
      reasons: list.map((f) => ({ kind: f.kind, sentence: f.sentence, severity: f.severity, findingId: f.id, eventIds: f.eventIds.slice(0, 20) })),
      findingIds: list.map((f) => f.id),
      excludedUserIds,
    });
    if (hadItem.has(identityId)) itemsJoined++;
    else itemsOpened++;
  }
  return { findings: created.length, itemsOpened, itemsJoined };
}
