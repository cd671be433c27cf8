import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { UserActor } from "@/lib/authz/actor";
import { importBytes } from "@/lib/inventory/import-test-helpers";
import { listIdentities } from "@/lib/inventory/queries";
import { setIdentityOwnerInput, setUserStatusInput } from "@/lib/ownership/schema";
import { setIdentityOwner } from "@/lib/ownership/set-identity-owner";
import { setUserStatus } from "@/lib/ownership/set-user-status";
import { createIdentity, createOwnerRule, createSource, createTeam, createUser, createWorkspace } from "@/prisma/factories";

const csv = (rows: string[]) => new TextEncoder().encode(["external_id,name,kind,tags", ...rows].join("\n"));

async function world() {
  const ws = await createWorkspace(db);
  const admin = await createUser(db, ws.id, { role: "ADMIN" });
  const cm = await createUser(db, ws.id, { role: "COMPLIANCE_MANAGER" });
  const ana = await createUser(db, ws.id, { name: "Ana" });
  const ben = await createUser(db, ws.id, { name: "Ben" });
  const platform = await createTeam(db, ws.id, { name: "Platform" });
  const source = await createSource(db, ws.id, { name: "k8s" });
  const as = (u: { id: string; email: string; role: UserActor["role"] }): UserActor => ({ type: "USER", workspaceId: ws.id, userId: u.id, role: u.role, label: u.email });
  return { ws, admin: as(admin), cm: as(cm), ana, ben, platform, source };
}

describe("ownership rules on every sync", () => {
  it("assigns the first matching rule, lets a manual owner stick, and records owner changes", async () => {
    const w = await world();
    await createOwnerRule(db, w.ws.id, { position: 1, pattern: "ci-*", ownerUserId: w.ana.id });
    await createOwnerRule(db, w.ws.id, { position: 2, tagKey: "team", tagValue: "platform", ownerTeamId: w.platform.id });
    await createOwnerRule(db, w.ws.id, { position: 3, pattern: "*", ownerUserId: w.ben.id, enabled: false });
    const file = csv(["svc:ci-runner,ci-runner,bot,team=platform", "svc:web,web,workload,team=platform", "svc:misc,misc,bot,"]);
    await importBytes(w.cm, w.source.id, "rollcall-csv", file);
    const owners = async () => Object.fromEntries((await db.identity.findMany({ where: { sourceId: w.source.id } })).map((i) => [i.name, [i.ownerId, i.owningTeamId, i.ownerSource]]));
    expect(await owners()).toEqual({ "ci-runner": [w.ana.id, null, "RULE"], web: [null, w.platform.id, "RULE"], misc: [null, null, null] });

    // A hand-set owner survives the next sync; the rules keep applying elsewhere.
    const web = await db.identity.findFirstOrThrow({ where: { sourceId: w.source.id, name: "web" } });
    await setIdentityOwner(w.cm, setIdentityOwnerInput.parse({ identityId: web.id, ownerId: w.ben.id, owningTeamId: "" }));
    await createOwnerRule(db, w.ws.id, { position: 0, pattern: "misc", ownerUserId: w.ben.id });
    const { syncId } = await importBytes(w.cm, w.source.id, "rollcall-csv", file);
    expect(await owners()).toEqual({ "ci-runner": [w.ana.id, null, "RULE"], web: [w.ben.id, null, "MANUAL"], misc: [w.ben.id, null, "RULE"] });
    const changes = await db.changeRecord.findMany({ where: { syncId } });
    expect(changes.map((c) => [c.kind, c.detail])).toEqual([["OWNER_CHANGED", { fromUserId: null, toUserId: w.ben.id, fromTeamId: null, toTeamId: null, via: "RULE", ruleId: expect.stringMatching(/^own_/) }]]);
  });
});

describe("manual owner change", () => {
  it("is audited with who, from and to, and refuses someone who has left", async () => {
    const w = await world();
    const identity = await createIdentity(db, w.ws.id, { sourceId: w.source.id, name: "billing", ownerId: w.ana.id });
    const result = await setIdentityOwner(w.cm, setIdentityOwnerInput.parse({ identityId: identity.id, ownerId: w.ben.id, owningTeamId: w.platform.id, reason: "Ana moved teams" }));
    expect(result).toEqual({ changed: true });
    const row = await db.identity.findUniqueOrThrow({ where: { id: identity.id } });
    expect([row.ownerId, row.owningTeamId, row.ownerSource]).toEqual([w.ben.id, w.platform.id, "MANUAL"]);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { workspaceId: w.ws.id, action: "identity.owner-changed", subjectId: identity.id } });
    expect(audit).toMatchObject({ actorId: w.cm.userId, data: { fromUserId: w.ana.id, toUserId: w.ben.id, toTeamId: w.platform.id, reason: "Ana moved teams", toEmail: w.ben.email } });
    expect(await db.changeRecord.count({ where: { identityId: identity.id, kind: "OWNER_CHANGED", actorUserId: w.cm.userId } })).toBe(1);

    await setUserStatus(w.admin, { userId: w.ana.id, status: "DEPARTED" });
    await expect(setIdentityOwner(w.cm, setIdentityOwnerInput.parse({ identityId: identity.id, ownerId: w.ana.id, owningTeamId: "" }))).rejects.toThrow("has left");
    // Another workspace's identity is simply not found.
    const other = await world();
    await expect(setIdentityOwner(other.cm, setIdentityOwnerInput.parse({ identityId: identity.id, ownerId: other.ben.id, owningTeamId: "" }))).rejects.toThrow("not found");
  });

  it("needs inventory:write (a member cannot reassign)", async () => {
    const w = await world();
    const identity = await createIdentity(db, w.ws.id, { sourceId: w.source.id, ownerId: w.ana.id });
    const member: UserActor = { type: "USER", workspaceId: w.ws.id, userId: w.ana.id, role: "MEMBER", label: w.ana.email };
    await expect(setIdentityOwner(member, setIdentityOwnerInput.parse({ identityId: identity.id, ownerId: w.ben.id, owningTeamId: "" }))).rejects.toThrow("permission");
  });
});

describe("people who leave", () => {
  it("marking a person DEPARTED orphans their identities at once, and says so to the trigger engine", async () => {
    const w = await world();
    const owned = await Promise.all([1, 2].map((n) => createIdentity(db, w.ws.id, { sourceId: w.source.id, name: `ana-${n}`, ownerId: w.ana.id })));
    await createIdentity(db, w.ws.id, { sourceId: w.source.id, name: "ben-1", ownerId: w.ben.id });
    const before = await listIdentities(w.ws.id, { page: 1, orphan: true });
    expect(before.rows).toEqual([]);

    expect(await setUserStatus(w.admin, setUserStatusInput.parse({ userId: w.ana.id, status: "DEPARTED" }))).toEqual({ changed: true, identities: 2 });
    const orphans = await listIdentities(w.ws.id, { page: 1, orphan: true });
    expect(orphans.rows.map((r) => r.name)).toEqual(["ana-1", "ana-2"]);
    expect((await db.user.findUniqueOrThrow({ where: { id: w.ana.id } })).departedAt).not.toBeNull();
    const changes = await db.changeRecord.findMany({ where: { workspaceId: w.ws.id, kind: "OWNER_CHANGED" }, orderBy: { identityId: "asc" } });
    expect(changes.map((c) => c.identityId).sort()).toEqual(owned.map((o) => o.id).sort());
    expect(await db.auditEvent.findFirst({ where: { workspaceId: w.ws.id, action: "user.departed", subjectId: w.ana.id } })).toMatchObject({ data: { identities: 2 } });
    // Marking again is a no-op; a compliance manager may not do it at all.
    expect(await setUserStatus(w.admin, { userId: w.ana.id, status: "DEPARTED" })).toEqual({ changed: false, identities: 0 });
    await expect(setUserStatus(w.cm, { userId: w.ben.id, status: "DEPARTED" })).rejects.toThrow("permission");
  });
});
