import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { UserActor } from "@/lib/authz/actor";
import { importBytes } from "@/lib/inventory/import-test-helpers";
import { applyOwnerRules } from "@/lib/owner-rules/apply-owner-rules";
import { createOwnerRule } from "@/lib/owner-rules/create-owner-rule";
import { deleteOwnerRule } from "@/lib/owner-rules/delete-owner-rule";
import { listOwnerRulesWithCounts } from "@/lib/owner-rules/queries";
import { ownerRuleInput, ownerRulePatch } from "@/lib/owner-rules/schema";
import { updateOwnerRule } from "@/lib/owner-rules/update-owner-rule";
import { proposedOwner, type OwnerRuleSpec, type RuleSubject } from "@/lib/ownership/rules";
import { setIdentityOwnerInput } from "@/lib/ownership/schema";
import { setIdentityOwner } from "@/lib/ownership/set-identity-owner";
import { apiKeyActor, createIdentity, createSource, createTeam, createUser, createWorkspace } from "@/prisma/factories";

const as = (u: { id: string; workspaceId: string; email: string; role: UserActor["role"] }): UserActor => ({ type: "USER", workspaceId: u.workspaceId, userId: u.id, role: u.role, label: u.email });

async function world() {
  const ws = await createWorkspace(db);
  const cm = as(await createUser(db, ws.id, { role: "COMPLIANCE_MANAGER" }));
  const member = as(await createUser(db, ws.id, { role: "MEMBER" }));
  const auditor = as(await createUser(db, ws.id, { role: "AUDITOR" }));
  const ana = await createUser(db, ws.id, { name: "Ana" });
  const ben = await createUser(db, ws.id, { name: "Ben" });
  const cho = await createUser(db, ws.id, { name: "Cho" });
  const platform = await createTeam(db, ws.id, { name: "Platform" });
  const source = await createSource(db, ws.id, { name: "cmdb" });
  return { ws, cm, member, auditor, ana, ben, cho, platform, source };
}

/** A rollcall-json file; `owner` names a source-provided owner. */
const file = (identities: { id: string; kind?: string; tags?: Record<string, string>; owner?: string }[]) =>
  new TextEncoder().encode(JSON.stringify({ version: 1, identities: identities.map((i) => ({ externalId: `cmdb:${i.id}`, name: i.id, kind: i.kind ?? "service_account", tags: i.tags ?? {}, ...(i.owner ? { owner: { email: i.owner } } : {}) })) }));

const ownerOf = async (sourceId: string) =>
  Object.fromEntries((await db.identity.findMany({ where: { sourceId }, orderBy: { name: "asc" } })).map((i) => [i.name, `${i.ownerId ?? "-"}/${i.owningTeamId ?? "-"}/${i.ownerSource ?? "-"}`]));

describe("managing ownership rules", () => {
  it("creates, edits, moves and deletes rules in order, each change audited in its transaction", async () => {
    const w = await world();
    const a = await createOwnerRule(w.cm, ownerRuleInput.parse({ name: "CI", pattern: "ci-*", ownerUserId: w.ana.id }));
    const b = await createOwnerRule(w.cm, ownerRuleInput.parse({ name: "Platform tag", tagKey: "team", tagValue: "platform", ownerTeamId: w.platform.id }));
    const c = await createOwnerRule(w.cm, ownerRuleInput.parse({ name: "Bots", kind: "BOT", sourceId: w.source.id, ownerUserId: w.ben.id }));
    expect([a.position, b.position, c.position]).toEqual([1, 2, 3]);

    // PATCH merges: only `enabled` changes; then a move to the top.
    expect(await updateOwnerRule(w.cm, b.id, ownerRulePatch.parse({ enabled: false }))).toMatchObject({ enabled: false, tagKey: "team", ownerTeamId: w.platform.id, changed: true });
    await updateOwnerRule(w.cm, c.id, ownerRulePatch.parse({ position: 1 }));
    const order = async () => (await db.ownerRule.findMany({ where: { workspaceId: w.ws.id }, orderBy: { position: "asc" } })).map((r) => `${r.position}:${r.name}`);
    expect(await order()).toEqual(["1:Bots", "2:CI", "3:Platform tag"]);
    expect(await updateOwnerRule(w.cm, c.id, ownerRulePatch.parse({ position: 1 }))).toMatchObject({ changed: false });

    // A merged rule must still be whole; references must be of this workspace and still here.
    await expect(updateOwnerRule(w.cm, a.id, ownerRulePatch.parse({ ownerUserId: null }))).rejects.toThrow("Choose an owner or a team");
    const stranger = await createUser(db, (await createWorkspace(db)).id);
    await expect(createOwnerRule(w.cm, ownerRuleInput.parse({ name: "x", ownerUserId: stranger.id }))).rejects.toThrow("person was not found");
    await db.user.update({ where: { id: w.cho.id }, data: { status: "DEPARTED" } });
    await expect(updateOwnerRule(w.cm, a.id, ownerRulePatch.parse({ ownerUserId: w.cho.id }))).rejects.toThrow("has left");

    await deleteOwnerRule(w.cm, c.id);
    expect(await order()).toEqual(["1:CI", "2:Platform tag"]);
    const audit = await db.auditEvent.findMany({ where: { workspaceId: w.ws.id, action: { startsWith: "owner-rule" } }, orderBy: { seq: "asc" } });
    expect(audit.map((e) => e.action)).toEqual(["owner-rule.created", "owner-rule.created", "owner-rule.created", "owner-rule.updated", "owner-rule.moved", "owner-rule.deleted"]);
    expect(audit[3]!.data).toMatchObject({ changed: ["enabled"], from: { enabled: true }, to: { enabled: false } });
    expect(audit[4]!.data).toMatchObject({ changed: [], from: { position: 3 }, to: { position: 1 } });
  });

  it("is for inventory writers of the same workspace only", async () => {
    const w = await world();
    const other = await world();
    const input = ownerRuleInput.parse({ name: "r", ownerUserId: w.ana.id });
    await expect(createOwnerRule(w.member, input)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(createOwnerRule(w.auditor, input)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(applyOwnerRules(w.member)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(createOwnerRule(apiKeyActor(w.ws.id, ["inventory:read"]), input)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const rule = await createOwnerRule(apiKeyActor(w.ws.id, ["inventory:write"]), input);
    await expect(updateOwnerRule(other.cm, rule.id, ownerRulePatch.parse({ name: "mine now" }))).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(deleteOwnerRule(other.cm, rule.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await listOwnerRulesWithCounts(other.ws.id)).toEqual([]);
    expect(await db.ownerRule.count({ where: { id: rule.id, name: "r" } })).toBe(1);
  });
});

describe("rules on sync and 'Apply rules now'", () => {
  it("applies rules in order on every sync; manual beats the source's owner, which beats rules; apply-now counts and audits", async () => {
    const w = await world();
    await createOwnerRule(w.cm, ownerRuleInput.parse({ name: "CI", pattern: "ci-*", ownerUserId: w.ana.id }));
    await createOwnerRule(w.cm, ownerRuleInput.parse({ name: "Platform", tagKey: "team", tagValue: "Platform", ownerTeamId: w.platform.id }));
    const v1 = file([
      { id: "ci-runner", tags: { team: "platform" } }, // both rules match: the first (CI) wins
      { id: "web", tags: { team: "platform" } },
      { id: "ci-named", owner: w.ben.email }, // the source names Ben: beats the CI rule
      { id: "lonely" },
      { id: "hand-set", tags: { team: "platform" } },
    ]);
    await importBytes(w.cm, w.source.id, "rollcall-json", v1);
    expect(await ownerOf(w.source.id)).toEqual({
      "ci-named": `${w.ben.id}/-/IMPORT`, "ci-runner": `${w.ana.id}/-/RULE`, "hand-set": `-/${w.platform.id}/RULE`, lonely: "-/-/-", web: `-/${w.platform.id}/RULE`,
    });

    // Someone sets hand-set's owner on the identity page: no sync or rule takes it back.
    const handSet = await db.identity.findFirstOrThrow({ where: { sourceId: w.source.id, name: "hand-set" } });
    await setIdentityOwner(w.cm, setIdentityOwnerInput.parse({ identityId: handSet.id, ownerId: w.cho.id, owningTeamId: "" }));

    // A catch-all rule put first, then applied now without waiting for a sync.
    const all = await createOwnerRule(w.cm, ownerRuleInput.parse({ name: "Everything else", pattern: "*", ownerUserId: w.cho.id }));
    await updateOwnerRule(w.cm, all.id, ownerRulePatch.parse({ position: 1 }));
    const applied = await applyOwnerRules(w.cm);
    expect(applied).toEqual({ rules: 3, matched: 5, updated: 3, ownersChanged: 3, keptManual: 1, keptSourceProvided: 1 });
    expect(await ownerOf(w.source.id)).toEqual({
      "ci-named": `${w.ben.id}/-/IMPORT`, "ci-runner": `${w.cho.id}/-/RULE`, "hand-set": `${w.cho.id}/-/MANUAL`, lonely: `${w.cho.id}/-/RULE`, web: `${w.cho.id}/-/RULE`,
    });
    const changes = await db.changeRecord.findMany({ where: { workspaceId: w.ws.id, kind: "OWNER_CHANGED", syncId: null, actorUserId: null } });
    expect(changes).toHaveLength(3);
    expect(changes.every((c) => (c.detail as { via: string; ruleId: string }).via === "RULE" && (c.detail as { ruleId: string }).ruleId === all.id)).toBe(true);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { workspaceId: w.ws.id, action: "owner-rules.applied" } });
    expect(audit).toMatchObject({ actorId: w.cm.userId, data: applied });
    expect(await applyOwnerRules(w.cm)).toMatchObject({ matched: 5, updated: 0, ownersChanged: 0 });

    // The page's figures: what each rule matches now and what it owns.
    const rows = await listOwnerRulesWithCounts(w.ws.id);
    expect(rows.map((r) => [r.order, r.name, r.matches, r.owns])).toEqual([[1, "Everything else", 5, 3], [2, "CI", 2, 0], [3, "Platform", 3, 0]]);

    // Disabling the catch-all and syncing again: the next rules take over; manual and file owners stay.
    await updateOwnerRule(w.cm, all.id, ownerRulePatch.parse({ enabled: false }));
    const { syncId } = await importBytes(w.cm, w.source.id, "rollcall-json", v1);
    expect(await ownerOf(w.source.id)).toEqual({
      "ci-named": `${w.ben.id}/-/IMPORT`, "ci-runner": `${w.ana.id}/-/RULE`, "hand-set": `${w.cho.id}/-/MANUAL`, lonely: `${w.cho.id}/-/RULE`, web: `-/${w.platform.id}/RULE`,
    });
    expect(await db.changeRecord.count({ where: { syncId, kind: "OWNER_CHANGED" } })).toBe(2);
  });

  it("matches in SQL exactly as the sync matches in TypeScript", async () => {
    const w = await world();
    const k8s = await createSource(db, w.ws.id, { name: "k8s", kind: "KUBERNETES" });
    const people = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => createUser(db, w.ws.id, { name: `p${n}` })));
    const specs = [
      { name: "payments sa", sourceId: k8s.id, pattern: "system:serviceaccount:payments:*", ownerUserId: people[0]!.id },
      { name: "bots", kind: "BOT" as const, ownerUserId: people[1]!.id },
      { name: "tier 1", tagKey: "tier", tagValue: "ONE", ownerUserId: people[2]!.id },
      { name: "has cost center", tagKey: "cost-center", ownerUserId: people[3]!.id },
      { name: "dotted", pattern: "db.*.prod", ownerUserId: people[4]!.id },
      { name: "single char", pattern: "svc-?", ownerUserId: people[5]!.id },
    ];
    for (const spec of specs) await createOwnerRule(w.cm, ownerRuleInput.parse(spec));
    const subjects: RuleSubject[] = [
      { sourceId: k8s.id, kind: "SERVICE_ACCOUNT", name: "api", externalId: "system:serviceaccount:payments:api", tags: {} },
      { sourceId: w.source.id, kind: "SERVICE_ACCOUNT", name: "api2", externalId: "system:serviceaccount:payments:api", tags: {} },
      { sourceId: w.source.id, kind: "BOT", name: "Dependabot", externalId: "bot-1", tags: { tier: "one" } },
      { sourceId: w.source.id, kind: "WORKLOAD", name: "w", externalId: "w-1", tags: { tier: "one" } },
      { sourceId: w.source.id, kind: "WORKLOAD", name: "w2", externalId: "w-2", tags: { "cost-center": "" } },
      { sourceId: w.source.id, kind: "WORKLOAD", name: "DB.orders.PROD", externalId: "w-3", tags: {} },
      { sourceId: w.source.id, kind: "WORKLOAD", name: "dbXordersXprod", externalId: "w-4", tags: {} },
      { sourceId: w.source.id, kind: "WORKLOAD", name: "svc-1", externalId: "w-5", tags: {} },
      { sourceId: w.source.id, kind: "WORKLOAD", name: "svc-12", externalId: "w-6", tags: {} },
    ];
    const made = await Promise.all(subjects.map((s) => createIdentity(db, w.ws.id, { sourceId: s.sourceId, kind: s.kind, name: s.name, externalId: s.externalId })));
    for (const [i, m] of made.entries()) await db.identity.update({ where: { id: m.id }, data: { tags: subjects[i]!.tags } });
    await applyOwnerRules(w.cm);
    const rules = (await db.ownerRule.findMany({ where: { workspaceId: w.ws.id }, orderBy: { position: "asc" } })) as OwnerRuleSpec[];
    const rows = await db.identity.findMany({ where: { id: { in: made.map((m) => m.id) } } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    const sql = made.map((m) => byId.get(m.id)!.ownerRuleId);
    const ts = subjects.map((s) => proposedOwner(s, null, rules)?.ruleId ?? null);
    expect(sql).toEqual(ts);
    expect(ts.filter(Boolean)).toHaveLength(6);
  });
});
