import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { evaluateScheduledTriggers } from "@/lib/triggers/evaluate-schedule";
import { processChangeRecords } from "@/lib/triggers/process-change-records";
import { createChangeRecord, createIdentity, createSource, createSourceSync, createTeam, createUser, createWorkspace } from "@/prisma/factories";

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY);

async function world() {
  const ws = await createWorkspace(db);
  const owner = await createUser(db, ws.id, { name: "Olivia Owner" });
  const lead = await createUser(db, ws.id, { name: "Lee Lead" });
  const fallback = await createUser(db, ws.id, { role: "COMPLIANCE_MANAGER", name: "Chris Compliance" });
  await db.workspace.update({ where: { id: ws.id }, data: { fallbackReviewerId: fallback.id } });
  const team = await createTeam(db, ws.id, { name: "Data", leadId: lead.id });
  const source = await createSource(db, ws.id, { name: "aws-prod", kind: "AWS" });
  return { ws, owner, lead, fallback, team, source };
}

describe("scheduled rules", () => {
  it("dormant, old key, expiring certificate and departed owner each fire once, and not again while open", async () => {
    const w = await world();
    const departed = await createUser(db, w.ws.id, { name: "Former Engineer", status: "DEPARTED" });
    const idle = await createIdentity(db, w.ws.id, { sourceId: w.source.id, name: "backup-agent", ownerId: w.owner.id, lastUsedAt: ago(142) });
    const oldKey = await createIdentity(db, w.ws.id, { sourceId: w.source.id, name: "reports", ownerId: w.owner.id, lastUsedAt: ago(1), credentials: [{ kind: "ACCESS_KEY", externalId: "AKIAOLD", createdAt: ago(212) }, { kind: "ACCESS_KEY", externalId: "AKIANEW", createdAt: ago(5) }] });
    const cert = await createIdentity(db, w.ws.id, { sourceId: w.source.id, name: "gateway-tls", ownerId: w.owner.id, lastUsedAt: ago(1), credentials: [{ kind: "CERTIFICATE", externalId: "cert-7", createdAt: ago(10), expiresAt: new Date(Date.now() + 6 * DAY + 3_600_000) }] });
    const orphan = await createIdentity(db, w.ws.id, { sourceId: w.source.id, name: "legacy-sync", ownerId: departed.id, owningTeamId: w.team.id, lastUsedAt: ago(1) });
    await createIdentity(db, w.ws.id, { sourceId: w.source.id, name: "healthy", ownerId: w.owner.id, lastUsedAt: ago(1), credentials: [{ kind: "ACCESS_KEY", createdAt: ago(10) }] });

    const first = await evaluateScheduledTriggers(w.ws.id);
    expect(first.findings).toBe(4);
    const fs = await db.finding.findMany({ where: { workspaceId: w.ws.id }, include: { reviewItem: true } });
    const byKind = Object.fromEntries(fs.map((f) => [f.kind, f]));
    expect(byKind.DORMANT).toMatchObject({ identityId: idle.id, sentence: "backup-agent has not been used for 142 days (threshold: 90)." });
    expect(byKind.CREDENTIAL_MAX_AGE).toMatchObject({ identityId: oldKey.id, sentence: "The access key AKIAOLD of reports is 212 days old (policy: rotate within 90 days).", severity: "HIGH" });
    expect(byKind.CREDENTIAL_EXPIRING).toMatchObject({ identityId: cert.id, sentence: expect.stringMatching(/^The certificate cert-7 of gateway-tls expires in 7 days, on \d{4}-\d{2}-\d{2}\.$/) });
    expect(byKind.ORPHANED).toMatchObject({ identityId: orphan.id, sentence: "legacy-sync is owned by Former Engineer, who has left." });
    // The orphan's owner has left: its team lead reviews it.
    expect(byKind.ORPHANED!.reviewItem?.reviewerId).toBe(w.lead.id);
    expect(byKind.DORMANT!.reviewItem?.reviewerId).toBe(w.owner.id);

    expect((await evaluateScheduledTriggers(w.ws.id)).findings).toBe(0);
    expect(await db.auditEvent.count({ where: { workspaceId: w.ws.id, action: "triggers.scheduled" } })).toBeGreaterThanOrEqual(4);
  });
});

describe("change records from inventory syncs", () => {
  it("a privileged grant in a later sync opens a high finding; the first sync's records are only marked processed", async () => {
    const w = await world();
    const identity = await createIdentity(db, w.ws.id, { sourceId: w.source.id, name: "etl-runner", ownerId: w.owner.id, lastUsedAt: ago(1) });
    const firstSync = await createSourceSync(db, w.ws.id, { sourceId: w.source.id, startedAt: ago(2) });
    const laterSync = await createSourceSync(db, w.ws.id, { sourceId: w.source.id, startedAt: ago(0.1) });
    await createChangeRecord(db, w.ws.id, { identityId: identity.id, kind: "IDENTITY_ADDED", sourceId: w.source.id, syncId: firstSync.id, detail: { externalId: "x", reappeared: false } });
    await createChangeRecord(db, w.ws.id, { identityId: identity.id, kind: "ENTITLEMENT_GRANTED", sourceId: w.source.id, syncId: firstSync.id, detail: { name: "s3-read", resource: "*", privileged: false } });
    await createChangeRecord(db, w.ws.id, { identityId: identity.id, kind: "ENTITLEMENT_GRANTED", sourceId: w.source.id, syncId: laterSync.id, detail: { name: "AdministratorAccess", resource: "*", privileged: true, canMint: false } });
    await createChangeRecord(db, w.ws.id, { identityId: identity.id, kind: "CREDENTIAL_CREATED", sourceId: w.source.id, syncId: laterSync.id, detail: { credential: "AKIANEWKEY", kind: "ACCESS_KEY" } });

    expect(await processChangeRecords(w.ws.id)).toEqual({ processed: 4, findings: 2 });
    const fs = await db.finding.findMany({ where: { workspaceId: w.ws.id }, orderBy: { kind: "asc" }, include: { reviewItem: true } });
    expect(fs.map((f) => [f.kind, f.severity])).toEqual([["PERMISSION_EXPANSION", "HIGH"], ["CREDENTIAL_CREATED", "MEDIUM"]]);
    expect(fs.find((f) => f.kind === "PERMISSION_EXPANSION")!.sentence).toMatch(/^etl-runner was granted AdministratorAccess \(privileged\) on \d{4}-\d{2}-\d{2}\.$/);
    expect(new Set(fs.map((f) => f.reviewItemId)).size).toBe(1);
    expect(await db.changeRecord.count({ where: { workspaceId: w.ws.id, processedAt: null } })).toBe(0);
    expect(await processChangeRecords(w.ws.id)).toEqual({ processed: 0, findings: 0 });
  });

  it("a grant made by the owner (actorUserId) is reviewed by the fallback reviewer", async () => {
    const w = await world();
    const identity = await createIdentity(db, w.ws.id, { sourceId: w.source.id, name: "etl-runner", ownerId: w.owner.id, lastUsedAt: ago(1) });
    await createChangeRecord(db, w.ws.id, { identityId: identity.id, kind: "ENTITLEMENT_GRANTED", actorUserId: w.owner.id, detail: { name: "warehouse-admin", resource: "dw/*", privileged: false } });
    await processChangeRecords(w.ws.id);
    const f = await db.finding.findFirstOrThrow({ where: { workspaceId: w.ws.id }, include: { reviewItem: true } });
    expect(f).toMatchObject({ kind: "PERMISSION_EXPANSION", severity: "MEDIUM", actorUserId: w.owner.id });
    expect(f.reviewItem?.reviewerId).toBe(w.fallback.id);
  });

  it("an owner removed by a sync makes the identity an orphan", async () => {
    const w = await world();
    const identity = await createIdentity(db, w.ws.id, { sourceId: w.source.id, name: "etl-runner", ownerId: null, lastUsedAt: ago(1) });
    await createChangeRecord(db, w.ws.id, { identityId: identity.id, kind: "OWNER_CHANGED", detail: { fromUserId: w.owner.id, toUserId: null } });
    await processChangeRecords(w.ws.id);
    const f = await db.finding.findFirstOrThrow({ where: { workspaceId: w.ws.id }, include: { reviewItem: true } });
    expect([f.kind, f.sentence, f.reviewItem?.reviewerId]).toEqual(["ORPHANED", "etl-runner has no owner.", w.fallback.id]);
  });
});
