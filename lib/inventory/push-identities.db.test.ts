import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { ApiKeyActor } from "@/lib/authz/actor";
import { pushIdentities } from "@/lib/inventory/push-identities";
import { MAX_PUSH_IDENTITIES, pushIdentitiesInput } from "@/lib/inventory/schema";
import { createSource, createUser, createWorkspace } from "@/prisma/factories";

async function world() {
  const ws = await createWorkspace(db);
  const owner = await createUser(db, ws.id);
  const source = await createSource(db, ws.id, { name: "cmdb" });
  const key: ApiKeyActor = { type: "API_KEY", workspaceId: ws.id, apiKeyId: "key_00000000000000000000000000000001", scopes: ["inventory:write"], label: "api-key:cmdb" };
  return { ws, owner, source, key };
}

const identity = (n: number, extra: Record<string, unknown> = {}) => ({ externalId: `cmdb:${n}`, name: `svc-${n}`, kind: "service_account", credentials: [{ externalId: `key-${n}`, kind: "access_key" }], entitlements: [{ name: "read", resource: `app-${n}` }], ...extra });

describe("push API (PUT /api/v1/sources/{id}/identities)", () => {
  it("validates the body with the shared schema: at most 10k identities, each field named", () => {
    expect(pushIdentitiesInput.safeParse({ identities: [] }).success).toBe(false);
    const tooMany = pushIdentitiesInput.safeParse({ identities: Array.from({ length: MAX_PUSH_IDENTITIES + 1 }, (_, i) => identity(i)) });
    expect(tooMany.success ? [] : tooMany.error.issues.map((i) => i.message)).toEqual(["Send at most 10000 identities per call"]);
    const bad = pushIdentitiesInput.safeParse({ identities: [identity(1, { kind: "robot", lastUsedAt: "yesterday" })] });
    expect(bad.success ? [] : bad.error.issues.map((i) => i.path.join("."))).toEqual(["identities.0.kind", "identities.0.lastUsedAt"]);
  });

  it("upserts through the same sync: counts, change records on later pushes, nothing removed in upsert mode", async () => {
    const w = await world();
    const first = await pushIdentities(w.key, w.source.id, pushIdentitiesInput.parse({ identities: [identity(1), identity(2, { owner: { email: w.owner.email } })] }));
    expect(first).toMatchObject({ ok: true, summary: { seen: 2, added: 2, baseline: true } });
    expect(await db.identity.count({ where: { sourceId: w.source.id, discoveredBy: "API" } })).toBe(2);
    const second = await pushIdentities(w.key, w.source.id, pushIdentitiesInput.parse({ identities: [identity(3)] }));
    expect(second).toMatchObject({ ok: true, summary: { seen: 1, added: 1, removed: 0 } });
    expect(await db.identity.count({ where: { sourceId: w.source.id, status: "ACTIVE" } })).toBe(3);
    const sync = await db.sourceSync.findUniqueOrThrow({ where: { id: second.syncId } });
    expect(sync).toMatchObject({ format: "push-api", status: "SUCCEEDED", addedCount: 1 });
    expect(await db.changeRecord.count({ where: { syncId: second.syncId } })).toBe(3); // the new identity, its credential and its entitlement
    const snapshot = await pushIdentities(w.key, w.source.id, pushIdentitiesInput.parse({ mode: "snapshot", identities: [identity(1), identity(2, { owner: { email: w.owner.email } })] }));
    expect(snapshot).toMatchObject({ ok: true, summary: { removed: 1, added: 0, changed: 0 } });
    expect(await db.auditEvent.count({ where: { workspaceId: w.ws.id, action: "inventory.synced", actorType: "API_KEY" } })).toBe(3);
  });

  it("refuses a batch with duplicate or unknown references whole, naming each item", async () => {
    const w = await world();
    const result = await pushIdentities(w.key, w.source.id, pushIdentitiesInput.parse({ identities: [identity(1), identity(1), identity(2, { owner: { email: "ghost@example.test" } })] }));
    expect(result).toMatchObject({ ok: false });
    expect(result.ok ? [] : result.errors).toEqual([
      { line: null, column: "identities[1].externalId", reason: '"cmdb:1" is also identities[0]' },
      { line: null, column: "identities[2].owner.email", reason: "no person with the email ghost@example.test in this workspace" },
    ]);
    expect(await db.identity.count({ where: { workspaceId: w.ws.id } })).toBe(0);
    expect((await db.sourceSync.findUniqueOrThrow({ where: { id: result.syncId } })).status).toBe("FAILED");
  });

  it("a key without inventory:write, or another workspace's source, gets nothing", async () => {
    const w = await world();
    const other = await world();
    await expect(pushIdentities({ ...w.key, scopes: ["inventory:read"] }, w.source.id, pushIdentitiesInput.parse({ identities: [identity(1)] }))).rejects.toThrow("permission");
    await expect(pushIdentities(other.key, w.source.id, pushIdentitiesInput.parse({ identities: [identity(1)] }))).rejects.toThrow("not found");
  });
});
