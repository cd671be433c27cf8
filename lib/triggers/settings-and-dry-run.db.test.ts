import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ingestEvents } from "@/lib/events/ingest-events";
import { dryRunTriggers } from "@/lib/triggers/dry-run";
import { updateTriggerRule } from "@/lib/triggers/update-trigger-rule";
import { updateTriggerRuleInput } from "@/lib/triggers/schema";
import { apiKeyActor, createIdentity, createSource, createUser, createWorkspace } from "@/prisma/factories";
import type { UserActor } from "@/lib/authz/actor";

const DAY = 86_400_000;
const day = (d: Date) => d.toISOString().slice(0, 10);

async function world() {
  const ws = await createWorkspace(db);
  const cm = await createUser(db, ws.id, { role: "COMPLIANCE_MANAGER" });
  const source = await createSource(db, ws.id);
  const identity = await createIdentity(db, ws.id, { sourceId: source.id, name: "etl-runner", externalId: "svc:etl-runner", ownerId: cm.id, lastUsedAt: new Date(Date.now() - DAY) });
  const actor: UserActor = { type: "USER", workspaceId: ws.id, userId: cm.id, role: "COMPLIANCE_MANAGER", label: cm.email };
  return { ws, cm, identity, actor };
}

describe("trigger settings", () => {
  it("switches a rule off and changes its thresholds, audited with before and after", async () => {
    const w = await world();
    const rule = await db.triggerRule.findFirstOrThrow({ where: { workspaceId: w.ws.id, kind: "TOKEN_SPIKE" } });
    const input = updateTriggerRuleInput.parse({ ruleId: rule.id, kind: "TOKEN_SPIKE", enabled: false, cooldownHours: "12", params: { factor: "5", minimum: "20", learningDays: "3" } });
    await updateTriggerRule(w.actor, input);
    expect(await db.triggerRule.findUniqueOrThrow({ where: { id: rule.id } })).toMatchObject({ enabled: false, cooldownHours: 12, params: { factor: 5, minimum: 20, learningDays: 3 } });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { workspaceId: w.ws.id, action: "trigger-rule.updated" } });
    expect(audit.data).toMatchObject({ kind: "TOKEN_SPIKE", before: { enabled: true, cooldownHours: 24 }, after: { enabled: false, cooldownHours: 12 } });
  });

  it("rejects thresholds a rule does not have or out of range, naming the field", () => {
    const parsed = updateTriggerRuleInput.safeParse({ ruleId: `trg_${"0".repeat(32)}`, kind: "DORMANT", enabled: true, cooldownHours: 24, params: { days: 0, factor: 3 } });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["params.days", "Between 1 and 3650"], ["params.factor", 'This rule has no "factor" threshold']]);
  });

  it("refuses another workspace's rule", async () => {
    const w = await world();
    const other = await world();
    const rule = await db.triggerRule.findFirstOrThrow({ where: { workspaceId: other.ws.id, kind: "DORMANT" } });
    await expect(updateTriggerRule(w.actor, { ruleId: rule.id, kind: "DORMANT", enabled: false, cooldownHours: 1, params: { days: 30 } })).rejects.toThrow("Trigger rule was not found.");
  });
});

describe("dry run", () => {
  it("shows what a switched-off rule would have fired over stored events, and stores nothing", async () => {
    const w = await world();
    await db.triggerRule.updateMany({ where: { workspaceId: w.ws.id, kind: "NEW_REGION" }, data: { enabled: false } });
    const lines = [];
    for (let d = 12; d >= 1; d--) for (let i = 0; i < 4; i++) lines.push({ time: new Date(Date.now() - d * DAY + i * 60_000).toISOString(), principal: "svc:etl-runner", action: "api.call", region: "eu-west-1", sourceIp: "198.51.100.4" });
    lines.push({ time: new Date(Date.now() - 60_000).toISOString(), principal: "svc:etl-runner", action: "api.call", region: "sa-east-1", sourceIp: "198.51.100.4" });
    await ingestEvents(apiKeyActor(w.ws.id), "jsonl", lines.map((l) => JSON.stringify(l)).join("\n"));
    expect(await db.finding.count({ where: { workspaceId: w.ws.id } })).toBe(0);
    const audits = await db.auditEvent.count({ where: { workspaceId: w.ws.id } });

    const today = new Date();
    const result = await dryRunTriggers(w.actor, { from: day(new Date(today.getTime() - 2 * DAY)), to: day(today) });
    expect(result.perRule.find((r) => r.kind === "NEW_REGION")).toEqual({ kind: "NEW_REGION", enabled: false, count: 1 });
    expect(result.samples).toEqual([expect.objectContaining({ kind: "NEW_REGION", identityName: "etl-runner", sentence: expect.stringContaining("etl-runner made its first call from region sa-east-1") })]);
    expect(result.events).toBeGreaterThan(0);
    expect(result.warmupEvents).toBeGreaterThan(0);
    expect(await db.finding.count({ where: { workspaceId: w.ws.id } })).toBe(0);
    expect(await db.reviewItem.count({ where: { workspaceId: w.ws.id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { workspaceId: w.ws.id } })).toBe(audits);
  });
});
