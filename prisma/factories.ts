// Row builders shared by the seed, db tests and e2e fixtures. Each takes the client (or transaction)
// to write with, so tests can point them at their own schema.
import { randomBytes } from "node:crypto";
import type { PrismaClient } from "./generated/client";
import type { CredentialKind, IdentityKind, Role, SourceKind, TriggerKind, Severity } from "./generated/enums";
import { defaultTriggerRules } from "../lib/triggers/defaults";
import { defaultPolicy } from "../lib/workspaces/policy";
import { snapshotOf } from "../lib/reviews/snapshot";

type Client = Pick<PrismaClient, "workspace" | "user" | "team" | "teamMembership" | "source" | "identity" | "credential" | "entitlement" | "campaign" | "reviewItem" | "finding" | "triggerRule">;

const unique = () => randomBytes(4).toString("hex");

export async function createWorkspace(db: Client, data: { name?: string; slug?: string } = {}) {
  const slug = data.slug ?? `ws-${unique()}`;
  const workspace = await db.workspace.create({ data: { name: data.name ?? `Workspace ${slug}`, slug, policy: defaultPolicy() } });
  await db.triggerRule.createMany({
    data: defaultTriggerRules.map((r) => ({ workspaceId: workspace.id, kind: r.kind, enabled: r.enabled, params: r.params, cooldownHours: r.cooldownHours })),
  });
  return workspace;
}

export function createUser(db: Client, workspaceId: string, data: { role?: Role; name?: string; email?: string; managerId?: string; status?: "ACTIVE" | "DEPARTED" } = {}) {
  const id = unique();
  return db.user.create({
    data: {
      workspaceId,
      role: data.role ?? "MEMBER",
      name: data.name ?? `Person ${id}`,
      email: (data.email ?? `person-${id}@example.test`).toLowerCase(),
      managerId: data.managerId ?? null,
      status: data.status ?? "ACTIVE",
      departedAt: data.status === "DEPARTED" ? new Date() : null,
    },
  });
}

export async function createTeam(db: Client, workspaceId: string, data: { name: string; leadId?: string; memberIds?: string[] }) {
  const team = await db.team.create({ data: { workspaceId, name: data.name, leadId: data.leadId ?? null } });
  if (data.memberIds?.length) {
    await db.teamMembership.createMany({ data: data.memberIds.map((userId) => ({ workspaceId, teamId: team.id, userId })) });
  }
  return team;
}

export function createSource(db: Client, workspaceId: string, data: { name?: string; kind?: SourceKind } = {}) {
  return db.source.create({ data: { workspaceId, name: data.name ?? `source-${unique()}`, kind: data.kind ?? "GENERIC", lastSyncedAt: new Date() } });
}

export type IdentitySpec = {
  sourceId: string;
  kind?: IdentityKind;
  name?: string;
  externalId?: string;
  environment?: string | null;
  ownerId?: string | null;
  owningTeamId?: string | null;
  privileged?: boolean;
  lastUsedAt?: Date | null;
  blastRadius?: number;
  credentials?: { kind: CredentialKind; externalId?: string; createdAt?: Date; lastUsedAt?: Date | null; expiresAt?: Date | null }[];
  entitlements?: { name: string; resource?: string; privileged?: boolean; canMint?: boolean; wildcard?: boolean }[];
};

export async function createIdentity(db: Client, workspaceId: string, spec: IdentitySpec) {
  const name = spec.name ?? `svc-${unique()}`;
  const identity = await db.identity.create({
    data: {
      workspaceId,
      sourceId: spec.sourceId,
      kind: spec.kind ?? "SERVICE_ACCOUNT",
      name,
      externalId: spec.externalId ?? `ext:${name}`,
      environment: spec.environment ?? null,
      ownerId: spec.ownerId ?? null,
      owningTeamId: spec.owningTeamId ?? null,
      privileged: spec.privileged ?? false,
      lastUsedAt: spec.lastUsedAt ?? null,
      blastRadius: spec.blastRadius ?? 0,
    },
  });
  if (spec.credentials?.length) {
    await db.credential.createMany({
      data: spec.credentials.map((c, i) => ({
        workspaceId, identityId: identity.id, kind: c.kind, externalId: c.externalId ?? `${identity.externalId}#${i + 1}`,
        createdAt: c.createdAt ?? new Date(), lastRotatedAt: c.createdAt ?? new Date(), lastUsedAt: c.lastUsedAt ?? null, expiresAt: c.expiresAt ?? null,
      })),
    });
  }
  if (spec.entitlements?.length) {
    await db.entitlement.createMany({
      data: spec.entitlements.map((e) => ({
        workspaceId, identityId: identity.id, name: e.name, resource: e.resource ?? "*", privileged: e.privileged ?? false, canMint: e.canMint ?? false, wildcard: e.wildcard ?? false, grantedAt: new Date(),
      })),
    });
  }
  return identity;
}

export function createCampaign(db: Client, workspaceId: string, data: { name?: string; kind?: "SCHEDULED" | "CONTINUOUS"; status?: "DRAFT" | "ACTIVE" | "CLOSED"; dueAt?: Date; createdById?: string } = {}) {
  const now = new Date();
  return db.campaign.create({
    data: {
      workspaceId,
      name: data.name ?? `Campaign ${unique()}`,
      kind: data.kind ?? "SCHEDULED",
      status: data.status ?? "ACTIVE",
      startsAt: now,
      launchedAt: data.status === "DRAFT" ? null : now,
      dueAt: data.dueAt ?? new Date(now.getTime() + 14 * 86_400_000),
      reminderCadence: [0, -3, 0, 1],
      createdById: data.createdById ?? null,
    },
  });
}

/** A pending review item with the identity frozen as it is now. */
export async function createReviewItem(db: Client, workspaceId: string, data: { campaignId: string; identityId: string; reviewerId: string | null; dueAt?: Date; reasons?: { kind: string; sentence: string }[]; riskScore?: number }) {
  const identity = await db.identity.findFirstOrThrow({ where: { id: data.identityId, workspaceId }, include: { credentials: true, entitlements: true } });
  return db.reviewItem.create({
    data: {
      workspaceId,
      campaignId: data.campaignId,
      identityId: identity.id,
      reviewerId: data.reviewerId,
      snapshot: snapshotOf(identity, identity.credentials, identity.entitlements),
      reasons: data.reasons ?? [{ kind: "SCHEDULED", sentence: "Scheduled review" }],
      riskScore: data.riskScore ?? identity.blastRadius,
      dueAt: data.dueAt ?? new Date(Date.now() + 14 * 86_400_000),
    },
  });
}

export function createFinding(db: Client, workspaceId: string, data: { identityId: string; kind: TriggerKind; severity: Severity; sentence: string; detail?: Record<string, string | number>; reviewItemId?: string }) {
  return db.finding.create({
    data: { workspaceId, identityId: data.identityId, kind: data.kind, severity: data.severity, sentence: data.sentence, detail: data.detail ?? {}, reviewItemId: data.reviewItemId ?? null, status: data.reviewItemId ? "IN_REVIEW" : "OPEN" },
  });
}
