import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record-audit";
import { verifyAuditChain } from "@/lib/audit/verify-chain";
import { systemActor } from "@/lib/authz/actor";
import { createWorkspace } from "@/prisma/factories";

async function writeEvents(workspaceId: string, n: number) {
  for (let i = 1; i <= n; i++) {
    await db.$transaction((tx) => recordAudit(tx, systemActor(workspaceId), "test.event", { type: "Thing", id: `t${i}` }, { i, note: "ordinary" }));
  }
}

describe("audit chain", () => {
  it("verifies an intact chain and reports its head", async () => {
    const ws = await createWorkspace(db);
    await writeEvents(ws.id, 5);
    const report = await verifyAuditChain(ws.id);
    expect(report).toMatchObject({ ok: true, checked: 5, headSeq: 5 });
  });

  it("names the event whose data was changed in the database", async () => {
    const ws = await createWorkspace(db);
    await writeEvents(ws.id, 6);
    await db.$executeRaw`UPDATE "AuditEvent" SET data = '{"i": 4, "note": "edited"}'::jsonb WHERE "workspaceId" = ${ws.id} AND seq = 4`;
    const report = await verifyAuditChain(ws.id);
    expect(report.ok).toBe(false);
    if (!report.ok) {
      expect(report.broken.seq).toBe(4);
      expect(report.broken.reason).toContain("altered");
      expect(report.checked).toBe(3);
    }
  });

  it("names the gap when an event is deleted", async () => {
    const ws = await createWorkspace(db);
    await writeEvents(ws.id, 4);
    await db.$executeRaw`DELETE FROM "AuditEvent" WHERE "workspaceId" = ${ws.id} AND seq = 2`;
    const report = await verifyAuditChain(ws.id);
    expect(report).toMatchObject({ ok: false, broken: { seq: 2 } });
  });

  it("keeps one gap-free chain under concurrent writers and rolls back with the change", async () => {
    const ws = await createWorkspace(db);
    await Promise.all(Array.from({ length: 12 }, (_, i) => db.$transaction((tx) => recordAudit(tx, systemActor(ws.id), "race", null, { i }))));
    await expect(
      db.$transaction(async (tx) => {
        await recordAudit(tx, systemActor(ws.id), "will.roll.back", null);
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    const seqs = (await db.auditEvent.findMany({ where: { workspaceId: ws.id }, orderBy: { seq: "asc" }, select: { seq: true, action: true } }));
    expect(seqs.map((s) => s.seq)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(seqs.some((s) => s.action === "will.roll.back")).toBe(false);
    expect(await verifyAuditChain(ws.id)).toMatchObject({ ok: true, checked: 12 });
  });

  it("chains each workspace separately", async () => {
    const a = await createWorkspace(db);
    const b = await createWorkspace(db);
    await writeEvents(a.id, 2);
    await writeEvents(b.id, 3);
    await db.$executeRaw`UPDATE "AuditEvent" SET action = 'forged' WHERE "workspaceId" = ${a.id} AND seq = 1`;
    expect((await verifyAuditChain(a.id)).ok).toBe(false);
    expect(await verifyAuditChain(b.id)).toMatchObject({ ok: true, checked: 3 });
  });
});
