import { db } from "@/lib/db";
import type { Prisma } from "@/prisma/generated/client";
import { hasHighFindings } from "@/lib/reviews/rules";
import { slackConfigured } from "@/lib/slack/config";
import type { IdentitySnapshot } from "@/lib/reviews/snapshot";
import type { PendingSummary } from "@/lib/slack/blocks/home";
import type { SlackEntitlementView, SlackItemView } from "@/lib/slack/blocks/types";

const OPEN = ["PENDING", "ESCALATED"] as const;

const itemSelect = {
  id: true,
  status: true,
  dueAt: true,
  reasons: true,
  campaign: { select: { name: true, status: true } },
  identity: { select: { name: true, kind: true, environment: true, lastUsedAt: true, source: { select: { name: true } } } },
  findings: { select: { sentence: true, severity: true }, orderBy: { createdAt: "asc" } },
  decision: {
    select: { kind: true, decidedAt: true, channel: true, exceptionUntil: true, removeEntitlementIds: true, newOwnerId: true, decider: { select: { name: true, slackUserId: true } } },
  },
} satisfies Prisma.ReviewItemSelect;

type ItemRow = Prisma.ReviewItemGetPayload<{ select: typeof itemSelect }>;

function reasonSentences(row: ItemRow): string[] {
  const stored = Array.isArray(row.reasons) ? (row.reasons as { sentence?: unknown }[]).map((r) => r.sentence).filter((s): s is string => typeof s === "string") : [];
  const findings = row.findings.map((f) => f.sentence).filter((s) => !stored.includes(s));
  // Findings first: they are why the item is urgent; the campaign's own reason follows.
  const all = [...findings, ...stored];
  return all.length ? all : ["Scheduled review"];
}

function toView(row: ItemRow, newOwnerNames: Map<string, string>): SlackItemView {
  const d = row.decision;
  return {
    id: row.id,
    identityName: row.identity.name,
    kind: row.identity.kind,
    sourceName: row.identity.source.name,
    environment: row.identity.environment,
    reasons: reasonSentences(row),
    findingsCount: row.findings.length,
    highFindings: hasHighFindings(row),
    lastUsedAt: row.identity.lastUsedAt,
    dueAt: row.dueAt,
    status: row.status,
    campaignName: row.campaign.name,
    campaignClosed: row.campaign.status === "CLOSED",
    decision: d
      ? {
          kind: d.kind,
          at: d.decidedAt,
          by: d.decider ? { name: d.decider.name, slackUserId: d.decider.slackUserId } : null,
          channel: d.channel,
          exceptionUntil: d.exceptionUntil,
          removedCount: d.removeEntitlementIds.length,
          newOwnerName: d.newOwnerId ? (newOwnerNames.get(d.newOwnerId) ?? null) : null,
        }
      : null,
  };
}

async function toViews(workspaceId: string, rows: ItemRow[]): Promise<SlackItemView[]> {
  const ownerIds = rows.map((r) => r.decision?.newOwnerId).filter((id): id is string => Boolean(id));
  const owners = ownerIds.length ? await db.user.findMany({ where: { workspaceId, id: { in: ownerIds } }, select: { id: true, name: true } }) : [];
  const names = new Map(owners.map((o) => [o.id, o.name]));
  return rows.map((r) => toView(r, names));
}

/** The items of one Slack message as they are now, in the order the message lists them. */
export async function loadItemViews(workspaceId: string, itemIds: string[]): Promise<SlackItemView[]> {
  if (!itemIds.length) return [];
  const rows = await db.reviewItem.findMany({ where: { workspaceId, id: { in: itemIds } }, select: itemSelect });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return toViews(workspaceId, itemIds.map((id) => byId.get(id)).filter((r): r is ItemRow => Boolean(r)));
}

/** Open items a person may answer (assigned to them or escalated to them) in active campaigns. */
const pendingWhere = (workspaceId: string, userId: string) =>
  ({ workspaceId, status: { in: [...OPEN] }, campaign: { status: "ACTIVE" }, OR: [{ reviewerId: userId }, { escalatedToId: userId }] }) satisfies Prisma.ReviewItemWhereInput;

/** A person's pending items, most urgent first (due date, then risk), as the web inbox orders them. */
export async function pendingItemViews(workspaceId: string, userId: string, take: number): Promise<SlackItemView[]> {
  const rows = await db.reviewItem.findMany({ where: pendingWhere(workspaceId, userId), orderBy: [{ dueAt: "asc" }, { riskScore: "desc" }, { id: "asc" }], take, select: itemSelect });
  return toViews(workspaceId, rows);
}

export async function pendingSummary(workspaceId: string, userId: string, now = new Date()): Promise<PendingSummary> {
  const where = pendingWhere(workspaceId, userId);
  const [total, overdue, withFindings] = await Promise.all([
    db.reviewItem.count({ where }),
    db.reviewItem.count({ where: { ...where, dueAt: { lt: now } } }),
    db.reviewItem.count({ where: { ...where, findings: { some: {} } } }),
  ]);
  return { total, overdue, withFindings };
}

/** The entitlements frozen on the item, offered as checkboxes in the Reduce modal. */
export async function itemEntitlements(workspaceId: string, itemId: string): Promise<SlackEntitlementView[]> {
  const item = await db.reviewItem.findFirst({ where: { id: itemId, workspaceId }, select: { snapshot: true } });
  const snapshot = item?.snapshot as IdentitySnapshot | undefined;
  return (snapshot?.entitlements ?? []).map((e) => ({ id: e.id, name: e.name, resource: e.resource, privileged: e.privileged, canMint: e.canMint }));
}

/** What the web's Notifications setting shows: the person's choice, and whether Slack can carry it. */
export async function notificationSettings(workspaceId: string, userId: string) {
  const me = await db.user.findFirstOrThrow({ where: { id: userId, workspaceId }, select: { notifyVia: true, slackUserId: true, email: true } });
  return { notifyVia: me.notifyVia, slackLinked: Boolean(me.slackUserId), email: me.email, slackOn: slackConfigured() };
}
