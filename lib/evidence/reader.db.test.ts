import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { PackReader } from "@/lib/evidence/reader";
import * as f from "@/prisma/factories";

// A pack reads its files on two connections at once; both must describe the same instant.

describe("PackReader.fork", () => {
  it("sees exactly what its parent sees, not what was committed after the parent's snapshot", async () => {
    const ws = await f.createWorkspace(db, { name: "Snapshot Co" });
    await f.createUser(db, ws.id, { name: "Before" });
    const count = `SELECT count(*)::int AS n FROM "User" WHERE "workspaceId" = $1`;
    const parent = await PackReader.open();
    try {
      expect((await parent.one<{ n: number }>(count, [ws.id])).n).toBe(1);
      await f.createUser(db, ws.id, { name: "After" }); // committed while the pack is being read
      const fork = await parent.fork();
      try {
        expect((await fork.one<{ n: number }>(count, [ws.id])).n).toBe(1);
        expect((await parent.one<{ n: number }>(count, [ws.id])).n).toBe(1);
      } finally {
        await fork.close();
      }
      const fresh = await PackReader.open();
      expect((await fresh.one<{ n: number }>(count, [ws.id])).n).toBe(2);
      await fresh.close();
    } finally {
      await parent.close();
    }
  });
});
