// Row builders shared by the seed, db tests and e2e fixtures. Each takes the client (or transaction)
// to write with, so tests can point them at their own schema.
import { randomBytes } from "node:crypto";
import type { PrismaClient } from "./generated/client";
import type { CredentialKind, IdentityKind, Role, SourceKind, TriggerKind, Severity } from "./generated/enums";
import { defaultTriggerRules } from "../lib/triggers/defaults";
import { defaultPolicy } from "../lib/workspaces/policy";
import { snapshotOf } from "../lib/reviews/snapshot";
import { createSigningKey } from "../lib/signing/create-signing-key";

type Client = Pick<PrismaClient, "signingKey" | "workspace" | "user" | "team" | "teamMembership" | "source" | "identity" | "credential" | "entitlement" | "campaign" | "reviewItem" | "finding" | "triggerRule">;

const unique = () => randomBytes(4).toString("hex");

export async function createWorkspace(db: Client, data: { name?: string; slug?: string } = {}) {
  const slug = data.slug ?? `ws-${unique()}`;
  const workspace = await db.workspace.create({ data: { name: data.name ?? `Workspace ${slug}`, slug, policy: defaultPolicy() } });
  await db.triggerRule.createMany({
    data: defaultTriggerRules.map((r) => ({ workspaceId: workspace.id, kind: r.kind, enabled: r.enabled, params: r.params, cooldownHours: r.cooldownHours })),
  });
  await createSigningKey(db, workspace.id);
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

// ── Issue 5 (reviews, campaigns, remediation) ────────────────────────────────────────────────────

/** Out-of-office: `delegateId` may decide `userId`'s reviews between the dates (default: now ± a week). */
export function createDelegation(db: Pick<PrismaClient, "delegation">, workspaceId: string, data: { userId: string; delegateId: string; startsAt?: Date; endsAt?: Date }) {
  const now = Date.now();
  return db.delegation.create({
    data: { workspaceId, userId: data.userId, delegateId: data.delegateId, startsAt: data.startsAt ?? new Date(now - 86_400_000), endsAt: data.endsAt ?? new Date(now + 7 * 86_400_000) },
  });
}

/** A finished sync of a source (what `verifyRemediationAfterSync` reads). */
export function createSourceSync(db: Pick<PrismaClient, "sourceSync">, workspaceId: string, data: { sourceId: string; startedAt?: Date; status?: "QUEUED" | "RUNNING" | "SUCCEEDED" | "FAILED" }) {
  const startedAt = data.startedAt ?? new Date();
  return db.sourceSync.create({
    data: { workspaceId, sourceId: data.sourceId, format: "rollcall-json", status: data.status ?? "SUCCEEDED", startedAt, finishedAt: new Date(startedAt.getTime() + 1_000) },
  });
}

/**
 * A small review world: a workspace with an owner (managed by `manager`), a team lead, a compliance
 * manager as fallback reviewer, one source, one identity (two credentials, three entitlements) and an
 * active campaign with the identity's pending item assigned to the owner.
 */
export async function createReviewWorld(db: Client & Pick<PrismaClient, "user">, options: { defaultOnNoResponse?: "KEEP" | "REVOKE" | "ESCALATE_ONLY"; dueAt?: Date } = {}) {
  const ws = await createWorkspace(db);
  const manager = await createUser(db, ws.id, { name: "Mia Manager" });
  const owner = await createUser(db, ws.id, { name: "Olu Owner", managerId: manager.id });
  const lead = await createUser(db, ws.id, { name: "Lena Lead" });
  const fallback = await createUser(db, ws.id, { role: "COMPLIANCE_MANAGER", name: "Cora Compliance" });
  const auditor = await createUser(db, ws.id, { role: "AUDITOR", name: "Abe Auditor" });
  await db.workspace.update({ where: { id: ws.id }, data: { fallbackReviewerId: fallback.id } });
  const team = await createTeam(db, ws.id, { name: "Platform", leadId: lead.id, memberIds: [owner.id] });
  const source = await createSource(db, ws.id, { name: "aws-prod", kind: "AWS" });
  const identity = await createIdentity(db, ws.id, {
    sourceId: source.id, name: "ci-deployer", ownerId: owner.id, owningTeamId: team.id, blastRadius: 40, lastUsedAt: new Date(Date.now() - 2 * 86_400_000),
    credentials: [{ kind: "ACCESS_KEY", externalId: "AKIAEXAMPLE1" }, { kind: "ACCESS_KEY", externalId: "AKIAEXAMPLE2" }],
    entitlements: [{ name: "AdministratorAccess", privileged: true, wildcard: true }, { name: "s3-read", resource: "arn:aws:s3:::logs/*" }, { name: "ecr-push", resource: "ecr/app" }],
  });
  const campaign = await createCampaign(db, ws.id, { name: "Q1 review", dueAt: options.dueAt });
  if (options.defaultOnNoResponse) await db.campaign.update({ where: { id: campaign.id }, data: { defaultOnNoResponse: options.defaultOnNoResponse } });
  const item = await createReviewItem(db, ws.id, { campaignId: campaign.id, identityId: identity.id, reviewerId: owner.id, dueAt: options.dueAt });
  return { ws, manager, owner, lead, fallback, auditor, team, source, identity, campaign, item };
}

// ── Issue 7 (evidence packs) ─────────────────────────────────────────────────────────────────────

/** A decision on an item (the item becomes DECIDED), as if made through `decide`, without its side effects. */
export async function createDecision(db: Pick<PrismaClient, "decision" | "reviewItem">, workspaceId: string, data: {
  itemId: string; kind: "ATTEST" | "REVOKE" | "REDUCE" | "EXCEPTION" | "REASSIGN"; deciderId: string | null; channel?: "WEB" | "SLACK" | "API" | "SYSTEM";
  justification?: string; exceptionUntil?: Date; decidedAt?: Date; secondsToDecide?: number; batchSize?: number; batchId?: string; removeEntitlementIds?: string[];
}) {
  await db.reviewItem.updateMany({ where: { id: data.itemId, workspaceId }, data: { status: "DECIDED" } });
  return db.decision.create({
    data: {
      workspaceId, itemId: data.itemId, kind: data.kind, deciderId: data.deciderId, channel: data.channel ?? "WEB", justification: data.justification ?? null,
      exceptionUntil: data.exceptionUntil ?? null, decidedAt: data.decidedAt ?? new Date(), secondsToDecide: data.secondsToDecide ?? 30,
      batchSize: data.batchSize ?? null, batchId: data.batchId ?? null, removeEntitlementIds: data.removeEntitlementIds ?? [],
    },
  });
}

/** The remediation task of a REVOKE/REDUCE decision, in any state (VERIFIED sets executed/verified times). */
export function createRemediationTask(db: Pick<PrismaClient, "remediationTask">, workspaceId: string, data: {
  decisionId: string; identityId: string; action?: "REVOKE" | "REDUCE"; status?: "OPEN" | "EXECUTED" | "VERIFIED" | "FAILED"; dueAt?: Date; executedAt?: Date; verifiedAt?: Date; verifiedHow?: string;
}) {
  const now = Date.now();
  const status = data.status ?? "OPEN";
  const done = status === "EXECUTED" || status === "VERIFIED";
  return db.remediationTask.create({
    data: {
      workspaceId, decisionId: data.decisionId, identityId: data.identityId, action: data.action ?? "REVOKE", status, dueAt: data.dueAt ?? new Date(now + 7 * 86_400_000),
      executedAt: data.executedAt ?? (done ? new Date(now - 60_000) : null),
      verifiedAt: data.verifiedAt ?? (status === "VERIFIED" ? new Date(now) : null),
      verifiedHow: data.verifiedHow ?? (status === "VERIFIED" ? "next sync shows the credential removed" : null),
    },
  });
}

/** An API key actor for a workspace (event ingestion and other API paths), without a stored key row. */
export function apiKeyActor(workspaceId: string, scopes: string[] = ["events:write"]) {
  return { type: "API_KEY" as const, workspaceId, apiKeyId: "key_00000000000000000000000000000000", scopes, label: "api-key:test" };
}

/** An unprocessed change record, as an inventory sync writes it for the trigger engine. */
export function createChangeRecord(db: Pick<PrismaClient, "changeRecord">, workspaceId: string, data: { identityId: string; kind: "IDENTITY_ADDED" | "IDENTITY_REMOVED" | "ENTITLEMENT_GRANTED" | "ENTITLEMENT_REMOVED" | "CREDENTIAL_CREATED" | "CREDENTIAL_ROTATED" | "CREDENTIAL_REMOVED" | "OWNER_CHANGED"; detail?: Record<string, string | number | boolean | null>; actorUserId?: string | null; sourceId?: string | null; syncId?: string | null; occurredAt?: Date }) {
  return db.changeRecord.create({
    data: { workspaceId, identityId: data.identityId, kind: data.kind, detail: data.detail ?? {}, actorUserId: data.actorUserId ?? null, sourceId: data.sourceId ?? null, syncId: data.syncId ?? null, occurredAt: data.occurredAt ?? new Date() },
  });
}

// ── Issue 3 (inventory) ──────────────────────────────────────────────────────────────────────────

/** An ownership rule; position orders rules (first match wins). */
export function createOwnerRule(db: Pick<PrismaClient, "ownerRule">, workspaceId: string, data: {
  position: number; name?: string; sourceId?: string; kind?: IdentityKind; pattern?: string; tagKey?: string; tagValue?: string; ownerUserId?: string; ownerTeamId?: string; enabled?: boolean;
}) {
  return db.ownerRule.create({
    data: {
      workspaceId, position: data.position, name: data.name ?? `rule ${data.position}`, enabled: data.enabled ?? true, sourceId: data.sourceId ?? null, kind: data.kind ?? null,
      pattern: data.pattern ?? null, tagKey: data.tagKey ?? null, tagValue: data.tagValue ?? null, ownerUserId: data.ownerUserId ?? null, ownerTeamId: data.ownerTeamId ?? null,
    },
  });
}
