import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { UserActor } from "@/lib/authz/actor";
import { ensureQueues } from "@/lib/jobs/run-worker";
import { decide } from "@/lib/reviews/decide";
import { decideInput } from "@/lib/reviews/schema";
import { configureRemediationWebhook } from "@/lib/remediation/configure-remediation-webhook";
import { executeWebhookTask, flagOverdueRemediation } from "@/lib/remediation/execute-remediation-job";
import { markRemediationDone } from "@/lib/remediation/mark-remediation-done";
import { explainRemediation } from "@/lib/remediation/explain-remediation";
import { explainRemediationInput } from "@/lib/remediation/schema";
import { verifyRemediationAfterSync } from "@/lib/remediation/verify-remediation-after-sync";
import { verifyWebhookSignature } from "@/lib/remediation/webhook-signature";
import { WEBHOOK_MAX_ATTEMPTS } from "@/lib/remediation/rules";
import { createReviewWorld, createSourceSync, createUser } from "@/prisma/factories";

process.env.AUTH_SECRET = "remediation-test-secret-remediation-test";
const DAY = 86_400_000;
const as = (u: { id: string; workspaceId: string; role: UserActor["role"]; email: string }): UserActor => ({ type: "USER", workspaceId: u.workspaceId, userId: u.id, role: u.role, label: u.email });

// A real HTTP receiver standing in for the customer's automation; it answers with the status queued.
const hits: { headers: IncomingMessage["headers"]; body: string }[] = [];
const answers: number[] = [];
const receiver = createServer((req, res) => {
  let body = "";
  req.on("data", (c: Buffer) => (body += c.toString()));
  req.on("end", () => {
    hits.push({ headers: req.headers, body });
    res.writeHead(answers.shift() ?? 200, { "content-type": "application/json" }).end('{"ok":true}');
  });
});
await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
const webhookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/revoke`;
const SECRET = "whsec_test_0123456789abcdef";

beforeAll(async () => {
  await ensureQueues();
});
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

async function revokedWorld() {
  const w = await createReviewWorld(db);
  const decision = await decide(as(w.owner), decideInput.parse({ itemId: w.item.id, decision: "REVOKE" }), "WEB");
  const task = await db.remediationTask.findFirstOrThrow({ where: { decisionId: decision.id } });
  return { ...w, decision, task };
}

describe("remediation is verified only by a later sync showing the credential gone", () => {
  it("not by a sync that started before the decision, not while credentials are active, then by the later sync", async () => {
    const w = await revokedWorld();
    expect(w.task).toMatchObject({ action: "REVOKE", executor: "MANUAL", status: "OPEN" });
    const earlier = await createSourceSync(db, w.ws.id, { sourceId: w.source.id, startedAt: new Date(Date.now() - 3_600_000) });
    await db.credential.updateMany({ where: { identityId: w.identity.id }, data: { status: "REMOVED" } });
    expect(await verifyRemediationAfterSync(w.ws.id, earlier.id)).toEqual([]);

    await db.credential.updateMany({ where: { identityId: w.identity.id }, data: { status: "ACTIVE" } });
    const laterButStillActive = await createSourceSync(db, w.ws.id, { sourceId: w.source.id, startedAt: new Date(Date.now() + 1_000) });
    expect(await verifyRemediationAfterSync(w.ws.id, laterButStillActive.id)).toEqual([]);
    expect((await db.remediationTask.findUniqueOrThrow({ where: { id: w.task.id } })).status).toBe("OPEN");

    await db.credential.updateMany({ where: { identityId: w.identity.id }, data: { status: "REMOVED" } });
    const failed = await createSourceSync(db, w.ws.id, { sourceId: w.source.id, startedAt: new Date(Date.now() + 2_000), status: "FAILED" });
    expect(await verifyRemediationAfterSync(w.ws.id, failed.id)).toEqual([]);
    const later = await createSourceSync(db, w.ws.id, { sourceId: w.source.id, startedAt: new Date(Date.now() + 3_000) });
    expect(await verifyRemediationAfterSync(w.ws.id, later.id)).toEqual([w.task.id]);
    const task = await db.remediationTask.findUniqueOrThrow({ where: { id: w.task.id } });
    expect(task).toMatchObject({ status: "VERIFIED", verifySyncId: later.id });
    expect(task.verifiedHow).toContain("AKIAEXAMPLE1, AKIAEXAMPLE2 no longer active");
    expect(await db.auditEvent.count({ where: { workspaceId: w.ws.id, action: "remediation.verified", subjectId: w.task.id } })).toBe(1);
    expect(await verifyRemediationAfterSync(w.ws.id, later.id)).toEqual([]);
  });

  it("REDUCE is verified when the named entitlements are removed, whatever happens to the others", async () => {
    const w = await createReviewWorld(db);
    const ents = await db.entitlement.findMany({ where: { identityId: w.identity.id } });
    const admin = ents.find((e) => e.name === "AdministratorAccess")!;
    const decision = await decide(as(w.owner), decideInput.parse({ itemId: w.item.id, decision: "REDUCE", removeEntitlementIds: [admin.id] }), "WEB");
    const task = await db.remediationTask.findFirstOrThrow({ where: { decisionId: decision.id } });
    await db.entitlement.updateMany({ where: { identityId: w.identity.id, NOT: { id: admin.id } }, data: { status: "REMOVED" } });
    const s1 = await createSourceSync(db, w.ws.id, { sourceId: w.source.id, startedAt: new Date(Date.now() + 1_000) });
    expect(await verifyRemediationAfterSync(w.ws.id, s1.id)).toEqual([]);
    await db.entitlement.update({ where: { id: admin.id }, data: { status: "REMOVED" } });
    const s2 = await createSourceSync(db, w.ws.id, { sourceId: w.source.id, startedAt: new Date(Date.now() + 2_000) });
    expect(await verifyRemediationAfterSync(w.ws.id, s2.id)).toEqual([task.id]);
  });

  it("MANUAL: the assignee marks it done with a ticket reference — EXECUTED, still not VERIFIED", async () => {
    const w = await revokedWorld();
    const stranger = await createUser(db, w.ws.id);
    await expect(markRemediationDone(as(stranger), { taskId: w.task.id, ticketRef: "OPS-1" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await markRemediationDone(as(w.owner), { taskId: w.task.id, ticketRef: "OPS-1234" });
    const task = await db.remediationTask.findUniqueOrThrow({ where: { id: w.task.id } });
    expect(task).toMatchObject({ status: "EXECUTED", ticketRef: "OPS-1234" });
    expect(task.verifiedAt).toBeNull();
    await expect(markRemediationDone(as(w.owner), { taskId: w.task.id, ticketRef: "OPS-1234" })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("an unverifiable remediation is explained by the assignee or a compliance manager, audited; a verified one takes none", async () => {
    const w = await revokedWorld();
    const stranger = await createUser(db, w.ws.id);
    const cm = await createUser(db, w.ws.id, { role: "COMPLIANCE_MANAGER" });
    expect(explainRemediationInput.safeParse({ taskId: w.task.id, explanation: "  short " }).success).toBe(false);
    const input = explainRemediationInput.parse({ taskId: w.task.id, explanation: "  The source is no longer synced; deleted by hand (OPS-9).  " });
    await expect(explainRemediation(as(stranger), input)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await db.auditEvent.count({ where: { workspaceId: w.ws.id, action: "remediation.explained" } })).toBe(0);
    await explainRemediation(as(w.owner), input);
    await explainRemediation(as(cm), { ...input, explanation: "Source decommissioned; key deleted in the console (OPS-9)." });
    const task = await db.remediationTask.findUniqueOrThrow({ where: { id: w.task.id } });
    expect(task.status).toBe("OPEN");
    expect(task.detail).toMatchObject({ explanation: "Source decommissioned; key deleted in the console (OPS-9).", explainedBy: cm.email, identity: { name: "ci-deployer" } });
    const events = await db.auditEvent.findMany({ where: { workspaceId: w.ws.id, action: "remediation.explained" }, orderBy: { seq: "asc" } });
    expect(events.map((e) => [e.actorId, (e.data as { explanation: string }).explanation, (e.data as { replaces: string | null }).replaces])).toEqual([
      [w.owner.id, "The source is no longer synced; deleted by hand (OPS-9).", null],
      [cm.id, "Source decommissioned; key deleted in the console (OPS-9).", "The source is no longer synced; deleted by hand (OPS-9)."],
    ]);
    await db.remediationTask.update({ where: { id: w.task.id }, data: { status: "VERIFIED", verifiedAt: new Date() } });
    await expect(explainRemediation(as(cm), input)).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("after the SLA an unverified remediation becomes one REMEDIATION_OVERDUE finding, resolved by the verifying sync", async () => {
    const w = await revokedWorld();
    expect(await flagOverdueRemediation(new Date(), w.ws.id)).toBe(0);
    const late = new Date(Date.now() + 8 * DAY);
    expect(await flagOverdueRemediation(late, w.ws.id)).toBe(1);
    expect(await flagOverdueRemediation(late, w.ws.id)).toBe(0);
    const finding = await db.finding.findFirstOrThrow({ where: { workspaceId: w.ws.id, kind: "REMEDIATION_OVERDUE" } });
    expect(finding).toMatchObject({ severity: "HIGH", identityId: w.identity.id, status: "OPEN" });
    expect(finding.sentence).toMatch(/Revocation of ci-deployer decided \d+ days ago is not verified by any sync \(SLA: 7 days\)/);
    await db.credential.updateMany({ where: { identityId: w.identity.id }, data: { status: "INACTIVE" } });
    const sync = await createSourceSync(db, w.ws.id, { sourceId: w.source.id, startedAt: new Date(Date.now() + 1_000) });
    await verifyRemediationAfterSync(w.ws.id, sync.id);
    expect((await db.finding.findUniqueOrThrow({ where: { id: finding.id } })).status).toBe("RESOLVED");
  });
});

describe("WEBHOOK executor", () => {
  it("POSTs a signed JSON payload, records the response code, retries with backoff, and fails after the last attempt", async () => {
    const w = await createReviewWorld(db);
    const admin = await createUser(db, w.ws.id, { role: "ADMIN" });
    await configureRemediationWebhook(as(admin), { url: webhookUrl, secret: SECRET });
    const stored = await db.workspace.findUniqueOrThrow({ where: { id: w.ws.id } });
    expect(stored.remediationWebhookSecretEncrypted).not.toContain(SECRET);
    const decision = await decide(as(w.owner), decideInput.parse({ itemId: w.item.id, decision: "REVOKE" }), "WEB");
    const task = await db.remediationTask.findFirstOrThrow({ where: { decisionId: decision.id } });
    expect(task.executor).toBe("WEBHOOK");

    hits.length = 0;
    answers.push(503);
    let now = new Date();
    expect(await executeWebhookTask(task.id, now)).toBe("retry");
    let row = await db.remediationTask.findUniqueOrThrow({ where: { id: task.id } });
    expect(row).toMatchObject({ status: "OPEN", attempts: 1, responseCode: 503 });
    expect(row.nextAttemptAt!.getTime() - now.getTime()).toBe(60_000);
    expect(await executeWebhookTask(task.id, now)).toBe("skipped");

    const hit = hits[0]!;
    expect(verifyWebhookSignature(SECRET, hit.body, String(hit.headers["x-rollcall-signature"]), now)).toBe(true);
    expect(verifyWebhookSignature("wrong-secret-wrong-secret", hit.body, String(hit.headers["x-rollcall-signature"]), now)).toBe(false);
    const payload = JSON.parse(hit.body) as { action: string; taskId: string; credentials: { externalId: string }[] };
    expect(payload).toMatchObject({ type: "rollcall.remediation.requested", action: "REVOKE", taskId: task.id });
    expect(payload.credentials.map((c) => c.externalId)).toEqual(["AKIAEXAMPLE1", "AKIAEXAMPLE2"]);

    now = new Date(row.nextAttemptAt!.getTime() + 1);
    expect(await executeWebhookTask(task.id, now)).toBe("executed");
    row = await db.remediationTask.findUniqueOrThrow({ where: { id: task.id } });
    expect(row).toMatchObject({ status: "EXECUTED", attempts: 2, responseCode: 200 });
    expect(row.verifiedAt).toBeNull();

    // A receiver that keeps failing: FAILED after the last attempt, with the last response recorded.
    const w2 = await createReviewWorld(db);
    const admin2 = await createUser(db, w2.ws.id, { role: "ADMIN" });
    await configureRemediationWebhook(as(admin2), { url: webhookUrl, secret: SECRET });
    const d2 = await decide(as(w2.owner), decideInput.parse({ itemId: w2.item.id, decision: "REVOKE" }), "WEB");
    const t2 = await db.remediationTask.findFirstOrThrow({ where: { decisionId: d2.id } });
    let outcome = "";
    for (let i = 0; i < WEBHOOK_MAX_ATTEMPTS; i++) {
      answers.push(500);
      const current = await db.remediationTask.findUniqueOrThrow({ where: { id: t2.id } });
      outcome = await executeWebhookTask(t2.id, new Date((current.nextAttemptAt ?? new Date()).getTime() + 1));
    }
    expect(outcome).toBe("failed");
    expect(await db.remediationTask.findUniqueOrThrow({ where: { id: t2.id } })).toMatchObject({ status: "FAILED", attempts: WEBHOOK_MAX_ATTEMPTS, responseCode: 500 });
    expect(await db.auditEvent.count({ where: { workspaceId: w2.ws.id, action: "remediation.attempt-failed" } })).toBe(WEBHOOK_MAX_ATTEMPTS - 1);
  });
});
