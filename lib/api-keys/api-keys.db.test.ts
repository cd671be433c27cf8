import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import { authenticateApiKey } from "@/lib/api-keys/authenticate-api-key";
import { createApiKeyInput } from "@/lib/api-keys/schema";
import { hashApiKeySecret } from "@/lib/api-keys/secret";
import type { UserActor } from "@/lib/authz/actor";
import { createUser, createWorkspace } from "@/prisma/factories";
import type { Role } from "@/prisma/generated/enums";

async function personIn(role: Role) {
  const ws = await createWorkspace(db);
  const user = await createUser(db, ws.id, { role });
  const actor: UserActor = { type: "USER", workspaceId: ws.id, userId: user.id, role, label: user.email };
  return actor;
}

const input = createApiKeyInput.parse({ name: "ci pipeline", scopes: ["inventory:write", "events:write"], expiresInDays: 30 });

describe("API keys", () => {
  it("stores only the hash, shows the secret once and authenticates with it", async () => {
    const admin = await personIn("ADMIN");
    const created = await createApiKey(admin, input);
    const row = await db.apiKey.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.hash).toBe(hashApiKeySecret(created.secret));
    expect(JSON.stringify(row)).not.toContain(created.secret);
    const actor = await authenticateApiKey(created.secret);
    expect(actor).toMatchObject({ type: "API_KEY", workspaceId: admin.workspaceId, apiKeyId: created.id, scopes: ["inventory:write", "events:write"] });
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: created.id } })).lastUsedAt).not.toBeNull();
    const audit = await db.auditEvent.findFirstOrThrow({ where: { workspaceId: admin.workspaceId, action: "api-key.created" } });
    expect(audit.subjectId).toBe(created.id);
    expect(JSON.stringify(audit.data)).not.toContain(created.secret);
  });

  it("stops authenticating a revoked key, refuses a second revocation, and audits once", async () => {
    const admin = await personIn("ADMIN");
    const created = await createApiKey(admin, input);
    await revokeApiKey(admin, { apiKeyId: created.id });
    expect(await authenticateApiKey(created.secret)).toBeNull();
    await expect(revokeApiKey(admin, { apiKeyId: created.id })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await db.auditEvent.count({ where: { workspaceId: admin.workspaceId, action: "api-key.revoked" } })).toBe(1);
  });

  it("does not authenticate an expired or unknown key", async () => {
    const admin = await personIn("ADMIN");
    const created = await createApiKey(admin, input);
    expect(await authenticateApiKey(created.secret, new Date(Date.now() + 31 * 86_400_000))).toBeNull();
    expect(await authenticateApiKey(created.secret.slice(0, -1) + (created.secret.endsWith("a") ? "b" : "a"))).toBeNull();
  });

  it("treats another workspace's key as not found and leaves it working", async () => {
    const adminA = await personIn("ADMIN");
    const adminB = await personIn("ADMIN");
    const keyB = await createApiKey(adminB, input);
    await expect(revokeApiKey(adminA, { apiKeyId: keyB.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await authenticateApiKey(keyB.secret)).not.toBeNull();
    expect(await db.auditEvent.count({ where: { workspaceId: adminA.workspaceId } })).toBe(0);
  });

  it.each<Role>(["COMPLIANCE_MANAGER", "AUDITOR", "MEMBER"])("refuses a %s and writes nothing", async (role) => {
    const person = await personIn(role);
    await expect(createApiKey(person, input)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await db.apiKey.count({ where: { workspaceId: person.workspaceId } })).toBe(0);
    expect(await db.auditEvent.count({ where: { workspaceId: person.workspaceId } })).toBe(0);
  });

  it("rejects bad input with the field named", () => {
    const result = createApiKeyInput.safeParse({ name: " ", scopes: ["settings:manage"], expiresInDays: 5000 });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path[0]).sort()).toEqual(["expiresInDays", "name", "scopes"]);
  });
});
