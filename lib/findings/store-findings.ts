import type { Tx } from "@/lib/db";
import type { TriggerKind } from "@/prisma/generated/enums";
import type { FindingDraft } from "@/lib/triggers/types";
import type { RuleConfig } from "@/lib/triggers/finding-gate";
import { openReviewForFindings } from "@/lib/findings/open-review-for-finding";

export type StoreResult = { findings: number; itemsOpened: number; itemsJoined: number };

/**
 * Stores trigger findings with their causing event ids and the person who caused them (matched by
 * email), then opens or joins review items for them, all in the caller's transaction.
 */
export async function storeFindings(tx: Tx, workspaceId: string, drafts: FindingDraft[], rules: Map<TriggerKind, RuleConfig>, now = new Date()): Promise<StoreResult> {
  if (!drafts.length) return { findings: 0, itemsOpened: 0, itemsJoined: 0 };
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
  const items = await openReviewForFindings(tx, workspaceId, created, now);
  return { findings: created.length, itemsOpened: items.opened, itemsJoined: items.joined };
}
