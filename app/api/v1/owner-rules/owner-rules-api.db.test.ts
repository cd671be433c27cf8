// The REST surface of ownership rules, called in-process with a real API key (authentication,
// scopes, zod parsing and error mapping are the production code of lib/route.ts).
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { UserActor } from "@/lib/authz/actor";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import type { ApiKeyScope } from "@/lib/authz/permissions";
import * as collection from "@/app/api/v1/owner-rules/route";
import * as one from "@/app/api/v1/owner-rules/[id]/route";
import * as apply from "@/app/api/v1/owner-rules/apply/route";
import { createIdentity, createSource, createUser, createWorkspace } from "@/prisma/factories";

process.env.AUTH_SECRET ??= "owner-rules-api-test-secret-0123456789";
type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function world() {
  const ws = await createWorkspace(db);
  const admin = await createUser(db, ws.id, { role: "ADMIN" });
  const ana = await createUser(db, ws.id, { name: "Ana" });
  const source = await createSource(db, ws.id, { name: "cmdb" });
  const actor: UserActor = { type: "USER", workspaceId: ws.id, userId: admin.id, role: "ADMIN", label: admin.email };
  const key = async (scopes: ApiKeyScope[]) => (await createApiKey(actor, { name: `k-${scopes.join("-")}`, scopes, expiresInDays: 30 })).secret;
  const call = async (handler: Handler, secret: string, method: string, body?: unknown, params: Record<string, string> = {}) => {
    const response = await handler(new Request("http://rollcall.test/api/v1/owner-rules", { method, headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) }), { params: Promise.resolve(params) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> & { rules?: Record<string, unknown>[] } };
  };
  return { ws, ana, source, key, call };
}

describe("/api/v1/owner-rules", () => {
  it("POST, GET, PATCH (merge and move), apply and DELETE with an inventory:write key", async () => {
    const w = await world();
    const writer = await w.key(["inventory:read", "inventory:write"]);
    const identity = await createIdentity(db, w.ws.id, { sourceId: w.source.id, name: "ci-runner" });

    const bad = await w.call(collection.POST, writer, "POST", { name: "", tagValue: "x" });
    expect(bad.status).toBe(422);
    expect(bad.body).toMatchObject({ error: { code: "INVALID" } });
    expect((bad.body.error as { issues: { path: string }[] }).issues.map((i) => i.path).sort()).toEqual(["name", "ownerUserId", "tagKey"]);

    const a = await w.call(collection.POST, writer, "POST", { name: "CI", pattern: "ci-*", ownerUserId: w.ana.id });
    expect(a).toMatchObject({ status: 201, body: { name: "CI", position: 1, enabled: true, pattern: "ci-*", sourceId: null } });
    const b = await w.call(collection.POST, writer, "POST", { name: "All of cmdb", sourceId: w.source.id, ownerUserId: w.ana.id, enabled: false });
    expect(b).toMatchObject({ status: 201, body: { position: 2, enabled: false } });

    const moved = await w.call(one.PATCH as Handler, writer, "PATCH", { position: 1, enabled: true }, { id: b.body.id as string });
    expect(moved).toMatchObject({ status: 200, body: { position: 1, enabled: true, name: "All of cmdb", sourceId: w.source.id } });
    const listed = await w.call(collection.GET, writer, "GET");
    expect(listed.body.rules!.map((r) => [r.position, r.name, r.matches, r.owns])).toEqual([[1, "All of cmdb", 1, 0], [2, "CI", 1, 0]]);

    const applied = await w.call(apply.POST, writer, "POST");
    expect(applied).toMatchObject({ status: 200, body: { rules: 2, matched: 1, ownersChanged: 1 } });
    expect(await db.identity.findUniqueOrThrow({ where: { id: identity.id } })).toMatchObject({ ownerId: w.ana.id, ownerSource: "RULE", ownerRuleId: b.body.id });

    const gone = await w.call(one.DELETE as Handler, writer, "DELETE", undefined, { id: b.body.id as string });
    expect(gone).toMatchObject({ status: 200, body: { identitiesKeepingOwner: 1 } });
    expect((await w.call(collection.GET, writer, "GET")).body.rules!.map((r) => [r.position, r.name])).toEqual([[1, "CI"]]);
    expect((await w.call(one.DELETE as Handler, writer, "DELETE", undefined, { id: b.body.id as string })).status).toBe(404);
  });

  it("a read-only key reads but cannot change; another workspace's rule is not found", async () => {
    const w = await world();
    const other = await world();
    const reader = await w.key(["inventory:read"]);
    const otherWriter = await other.key(["inventory:write"]);
    expect((await w.call(collection.GET, reader, "GET")).status).toBe(200);
    expect(await w.call(collection.POST, reader, "POST", { name: "x", ownerUserId: w.ana.id })).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN" } } });
    expect((await w.call(apply.POST, reader, "POST")).status).toBe(403);
    const writer = await w.key(["inventory:write"]);
    const rule = await w.call(collection.POST, writer, "POST", { name: "x", ownerUserId: w.ana.id });
    expect((await w.call(one.PATCH as Handler, otherWriter, "PATCH", { name: "stolen" }, { id: rule.body.id as string })).status).toBe(404);
    expect((await w.call(collection.POST, otherWriter, "POST", { name: "y", ownerUserId: w.ana.id })).status).toBe(422);
    expect(await db.ownerRule.count({ where: { workspaceId: other.ws.id } })).toBe(0);
  });
});
