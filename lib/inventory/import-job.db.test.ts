import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { UserActor } from "@/lib/authz/actor";
import { fixtureBytes } from "@/lib/inventory/import-test-helpers";
import { startImport } from "@/lib/inventory/start-import";
import { uploadImport } from "@/lib/inventory/upload-import";
import { runWorker } from "@/lib/jobs/run-worker";
import { createSource, createUser, createWorkspace } from "@/prisma/factories";

async function eventually<T>(read: () => Promise<T | null>, timeoutMs = 45_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe("import job", () => {
  it("an upload previews its rows, then the worker applies it and records the sync", async () => {
    const ws = await createWorkspace(db);
    const cm = await createUser(db, ws.id, { role: "COMPLIANCE_MANAGER" });
    const actor: UserActor = { type: "USER", workspaceId: ws.id, userId: cm.id, role: "COMPLIANCE_MANAGER", label: cm.email };
    const source = await createSource(db, ws.id, { kind: "AWS" });
    const upload = await uploadImport(actor, { sourceId: source.id, fileName: "report.csv", bytes: fixtureBytes("aws-credential-report.csv") });
    expect(upload).toMatchObject({ format: "aws-credential-report", preview: { ok: true, rows: 7, identities: 5 } });
    expect(upload.preview!.sample[0]).toMatchObject({ line: 4, name: "ci-deployer", credentials: 2 });

    const bad = await uploadImport(actor, { sourceId: source.id, fileName: "bad.csv", bytes: fixtureBytes("aws-credential-report-bad.csv") });
    expect(bad).toMatchObject({ uploadId: null, preview: { ok: false } });
    expect(bad.preview!.errors).toHaveLength(4);

    const sync = await startImport(actor, { sourceId: source.id, uploadId: upload.uploadId! });
    await expect(startImport(actor, { sourceId: source.id, uploadId: upload.uploadId! })).rejects.toThrow("already being imported");
    const stop = await runWorker();
    try {
      const done = await eventually(() => db.sourceSync.findFirst({ where: { id: sync.id, status: { in: ["SUCCEEDED", "FAILED"] } } }));
      expect(done).toMatchObject({ status: "SUCCEEDED", rowsParsed: 7, rowsApplied: 5, seenCount: 5, addedCount: 5 });
    } finally {
      await stop();
    }
    expect(await db.identity.count({ where: { sourceId: source.id } })).toBe(5);
    expect((await db.importUpload.findUniqueOrThrow({ where: { id: upload.uploadId! } })).content).toHaveLength(0);
    const actions = (await db.auditEvent.findMany({ where: { workspaceId: ws.id }, orderBy: { seq: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["inventory.file-uploaded", "inventory.import-started", "inventory.synced"]);
  });
});
