import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { enqueue } from "@/lib/jobs/enqueue";
import { ensureQueues, runWorker } from "@/lib/jobs/run-worker";
import { recordAudit } from "@/lib/audit/record-audit";
import { systemActor } from "@/lib/authz/actor";
import { createWorkspace } from "@/prisma/factories";

async function eventually<T>(read: () => Promise<T | null>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe("worker", () => {
  it("runs a job enqueued in a committed transaction, and never one from a rolled-back transaction", async () => {
    const ws = await createWorkspace(db);
    const other = await createWorkspace(db);
    await ensureQueues();
    await db.$transaction(async (tx) => {
      await recordAudit(tx, systemActor(ws.id), "test.change", null);
      await enqueue(tx, "audit.verify-chain", { workspaceId: ws.id });
    });
    await expect(
      db.$transaction(async (tx) => {
        await enqueue(tx, "audit.verify-chain", { workspaceId: other.id });
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");

    const stop = await runWorker();
    try {
      const verdict = await eventually(() => db.auditEvent.findFirst({ where: { workspaceId: ws.id, action: "audit.chain-verified" } }));
      expect(verdict.data).toMatchObject({ checked: 1, headSeq: 1 });
    } finally {
      await stop();
    }
    expect(await db.auditEvent.count({ where: { workspaceId: other.id } })).toBe(0);
  });
});
