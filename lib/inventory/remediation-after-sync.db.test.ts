import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { UserActor } from "@/lib/authz/actor";
import { importBytes } from "@/lib/inventory/import-test-helpers";
import { pushIdentities } from "@/lib/inventory/push-identities";
import { pushIdentitiesInput } from "@/lib/inventory/schema";
import { ensureQueues } from "@/lib/jobs/run-worker";
import { markRemediationDone } from "@/lib/remediation/mark-remediation-done";
import { decide } from "@/lib/reviews/decide";
import { decideInput } from "@/lib/reviews/schema";
import { apiKeyActor, createCampaign, createReviewItem, createSource, createUser, createWorkspace } from "@/prisma/factories";

process.env.AUTH_SECRET ??= "inventory-remediation-test-secret-0123";
const as = (u: { id: string; workspaceId: string; email: string; role: UserActor["role"] }): UserActor => ({ type: "USER", workspaceId: u.workspaceId, userId: u.id, role: u.role, label: u.email });

beforeAll(async () => {
  await ensureQueues();
});

const deployer = (over: { credentials?: string[]; entitlements?: { name: string; resource: string; privileged?: boolean }[] } = {}) => ({
  externalId: "arn:aws:iam::123456789012:user/ci-deployer", name: "ci-deployer", kind: "service_account", environment: "prod",
  credentials: (over.credentials ?? ["AKIAKEY1", "AKIAKEY2"]).map((externalId) => ({ externalId, kind: "access_key" })),
  entitlements: over.entitlements ?? [
    { name: "AdministratorAccess", resource: "*", privileged: true },
    { name: "s3:GetObject", resource: "arn:aws:s3:::logs/*" },
  ],
});
const json = (identity: ReturnType<typeof deployer>) => new TextEncoder().encode(JSON.stringify({ version: 1, identities: [identity] }));

async function world() {
  const ws = await createWorkspace(db);
  const owner = await createUser(db, ws.id, { name: "Olu Owner" });
  const cm = await createUser(db, ws.id, { role: "COMPLIANCE_MANAGER" });
  const source = await createSource(db, ws.id, { name: "aws-prod", kind: "AWS" });
  return { ws, owner, cm, source };
}

/** A pending review of the identity assigned to its owner, decided as `decision`. */
async function decideOn(w: Awaited<ReturnType<typeof world>>, decision: "REVOKE" | "REDUCE", removeEntitlementIds: string[] = []) {
  const identity = await db.identity.findFirstOrThrow({ where: { sourceId: w.source.id, name: "ci-deployer" } });
  const campaign = await createCampaign(db, w.ws.id);
  const item = await createReviewItem(db, w.ws.id, { campaignId: campaign.id, identityId: identity.id, reviewerId: w.owner.id });
  const made = await decide(as(w.owner), decideInput.parse({ itemId: item.id, decision, ...(removeEntitlementIds.length ? { removeEntitlementIds } : {}) }), "WEB");
  return { identity, task: await db.remediationTask.findFirstOrThrow({ where: { decisionId: made.id } }) };
}

describe("every sync verifies remediation once it has committed", () => {
  it("import: a REVOKE marked done stays unverified while the sync still lists the key, and is VERIFIED by the sync without it", async () => {
    const w = await world();
    await importBytes(as(w.cm), w.source.id, "rollcall-json", json(deployer()));
    const { task } = await decideOn(w, "REVOKE");
    await markRemediationDone(as(w.owner), { taskId: task.id, ticketRef: "OPS-42" });
    expect((await db.remediationTask.findUniqueOrThrow({ where: { id: task.id } })).status).toBe("EXECUTED");

    const still = await importBytes(as(w.cm), w.source.id, "rollcall-json", json(deployer()));
    expect(still.outcome).toMatchObject({ status: "SUCCEEDED", summary: { remediation: { verified: 0 } } });
    expect(await db.remediationTask.findUniqueOrThrow({ where: { id: task.id } })).toMatchObject({ status: "EXECUTED", verifiedAt: null, verifySyncId: null });

    const gone = await importBytes(as(w.cm), w.source.id, "rollcall-json", json(deployer({ credentials: [] })));
    expect(gone.outcome).toMatchObject({ status: "SUCCEEDED", summary: { credentials: { removed: 2 }, remediation: { verified: 1 } } });
    const verified = await db.remediationTask.findUniqueOrThrow({ where: { id: task.id } });
    expect(verified).toMatchObject({ status: "VERIFIED", verifySyncId: gone.syncId });
    expect(verified.verifiedHow).toContain("AKIAKEY1, AKIAKEY2 no longer active");
    expect(await db.auditEvent.count({ where: { workspaceId: w.ws.id, action: "remediation.verified", subjectId: task.id } })).toBe(1);
  });

  it("push API: a REDUCE carried out (entitlement gone in the next push) is VERIFIED and lowers the identity's blast radius", async () => {
    const w = await world();
    const key = apiKeyActor(w.ws.id, ["inventory:write"]);
    const push = (identity: ReturnType<typeof deployer>) => pushIdentities(key, w.source.id, pushIdentitiesInput.parse({ mode: "snapshot", identities: [identity] }));
    await push(deployer());
    const before = await db.identity.findFirstOrThrow({ where: { sourceId: w.source.id, name: "ci-deployer" }, include: { entitlements: true } });
    expect(before.riskFlags).toContain("privileged");
    const admin = before.entitlements.find((e) => e.name === "AdministratorAccess")!;
    const { task } = await decideOn(w, "REDUCE", [admin.id]);

    const same = await push(deployer());
    expect(same).toMatchObject({ ok: true, summary: { remediation: { verified: 0 } } });
    expect((await db.remediationTask.findUniqueOrThrow({ where: { id: task.id } })).status).toBe("OPEN");
    expect((await db.identity.findUniqueOrThrow({ where: { id: before.id } })).blastRadius).toBe(before.blastRadius);

    const reduced = await push(deployer({ entitlements: [{ name: "s3:GetObject", resource: "arn:aws:s3:::logs/*" }] }));
    expect(reduced).toMatchObject({ ok: true, summary: { entitlements: { removed: 1 }, remediation: { verified: 1 } } });
    expect(await db.remediationTask.findUniqueOrThrow({ where: { id: task.id } })).toMatchObject({ status: "VERIFIED", verifySyncId: reduced.syncId });
    const after = await db.identity.findUniqueOrThrow({ where: { id: before.id } });
    expect(after.blastRadius).toBeLessThan(before.blastRadius - 30);
    expect(after.riskFlags).not.toContain("privileged");
    expect(after.privileged).toBe(false);
  });
});
