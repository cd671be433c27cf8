// SCIM-like offboarding through `PATCH /api/v1/users/{id}`, called in-process with a real API key.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { UserActor } from "@/lib/authz/actor";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import type { ApiKeyScope } from "@/lib/authz/permissions";
import { listIdentities } from "@/lib/inventory/queries";
import { PATCH } from "@/app/api/v1/users/[id]/route";
import { createIdentity, createSource, createUser, createWorkspace } from "@/prisma/factories";

process.env.AUTH_SECRET ??= "users-api-test-secret-0123456789abcdef";

async function world() {
  const ws = await createWorkspace(db);
  const admin = await createUser(db, ws.id, { role: "ADMIN" });
  const ana = await createUser(db, ws.id, { name: "Ana" });
  const source = await createSource(db, ws.id);
  const actor: UserActor = { type: "USER", workspaceId: ws.id, userId: admin.id, role: "ADMIN", label: admin.email };
  const key = async (scopes: ApiKeyScope[]) => (await createApiKey(actor, { name: "hr", scopes, expiresInDays: 30 })).secret;
  const patch = async (secret: string, id: string, body: unknown) => {
    const response = await PATCH(new Request(`http://rollcall.test/api/v1/users/${id}`, { method: "PATCH", headers: { authorization: `Bearer ${secret}` }, body: JSON.stringify(body) }), { params: Promise.resolve({ id }) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  return { ws, ana, source, key, patch };
}

describe("PATCH /api/v1/users/{id}", () => {
  it("DEPARTED orphans the person's identities at once; ACTIVE again does not give them back", async () => {
    const w = await world();
    await Promise.all(["a", "b"].map((n) => createIdentity(db, w.ws.id, { sourceId: w.source.id, name: `ana-${n}`, ownerId: w.ana.id })));
    const hr = await w.key(["people:write"]);
    expect(await w.patch(hr, w.ana.id, { status: "DEPARTED" })).toEqual({ status: 200, body: { id: w.ana.id, status: "DEPARTED", changed: true, identities: 2 } });
    expect((await listIdentities(w.ws.id, { page: 1, orphan: true })).rows.map((r) => r.name).sort()).toEqual(["ana-a", "ana-b"]);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { workspaceId: w.ws.id, action: "user.departed", subjectId: w.ana.id } });
    expect(audit).toMatchObject({ actorType: "API_KEY", data: { identities: 2 } });
    expect(await w.patch(hr, w.ana.id, { status: "DEPARTED" })).toMatchObject({ status: 200, body: { changed: false } });
    expect(await w.patch(hr, w.ana.id, { status: "ACTIVE" })).toMatchObject({ status: 200, body: { changed: true } });
  });

  it("needs people:write, a valid body and a person of the key's workspace", async () => {
    const w = await world();
    const other = await world();
    expect(await w.patch(await w.key(["inventory:write"]), w.ana.id, { status: "DEPARTED" })).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN" } } });
    const hr = await w.key(["people:write"]);
    expect(await w.patch(hr, w.ana.id, { status: "GONE" })).toMatchObject({ status: 422 });
    expect(await w.patch(hr, "usr_1", { status: "DEPARTED" })).toMatchObject({ status: 422 });
    expect(await w.patch(hr, other.ana.id, { status: "DEPARTED" })).toMatchObject({ status: 404 });
    expect((await db.user.findUniqueOrThrow({ where: { id: other.ana.id } })).status).toBe("ACTIVE");
  });
});
