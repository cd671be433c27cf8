// Property: an import of a damaged inventory file is applied entirely or not at all. Damaged copies
// of the real Rollcall CSV fixture go through the whole import path (upload → start → run → sync);
// whenever the import is refused, the inventory (identities, credentials, entitlements, change
// records) is byte-for-byte what it was, and every reported problem names its line.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { UserActor } from "@/lib/authz/actor";
import { verifyAuditChain } from "@/lib/audit/verify-chain";
import { fixtureBytes, importBytes } from "@/lib/inventory/import-test-helpers";
import { applyAll, mutations } from "@/lib/inventory/formats/mutations";
import { createSource, createTeam, createUser, createWorkspace } from "@/prisma/factories";

/** Counts and a digest of every inventory row of the workspace: equal means nothing changed. */
async function inventoryState(workspaceId: string) {
  const [row] = await db.$queryRaw<{ state: string }[]>`
    SELECT concat_ws('|',
      (SELECT count(*) || ':' || coalesce(md5(string_agg(concat_ws(',', id, "externalId", name, kind, status, environment, purpose, "ownerId", "owningTeamId", "lastUsedAt", "updatedAt", "lastSyncId"), ';' ORDER BY id)), '') FROM "Identity" WHERE "workspaceId" = ${workspaceId}),
      (SELECT count(*) || ':' || coalesce(md5(string_agg(concat_ws(',', id, "externalId", kind, status, "lastRotatedAt", "expiresAt", "lastUsedAt"), ';' ORDER BY id)), '') FROM "Credential" WHERE "workspaceId" = ${workspaceId}),
      (SELECT count(*) || ':' || coalesce(md5(string_agg(concat_ws(',', id, name, resource, status, privileged), ';' ORDER BY id)), '') FROM "Entitlement" WHERE "workspaceId" = ${workspaceId}),
      (SELECT count(*) FROM "ChangeRecord" WHERE "workspaceId" = ${workspaceId}),
      (SELECT "lastSyncedAt" FROM "Source" WHERE "workspaceId" = ${workspaceId} LIMIT 1)
    ) AS state`;
  return row!.state;
}

describe("import of fuzzed files", () => {
  it("a refused import changes nothing in the database; every problem names its line", async () => {
    const ws = await createWorkspace(db);
    const cm = await createUser(db, ws.id, { role: "COMPLIANCE_MANAGER" });
    const actor: UserActor = { type: "USER", workspaceId: ws.id, userId: cm.id, role: "COMPLIANCE_MANAGER", label: cm.email };
    // The people and team the fixture names, so the undamaged file imports.
    await createUser(db, ws.id, { email: "olivia.owner@acme.test" });
    await createUser(db, ws.id, { email: "dana.data@acme.test" });
    await createTeam(db, ws.id, { name: "Platform" });
    await createTeam(db, ws.id, { name: "Payments" });
    const source = await createSource(db, ws.id);
    const original = new TextDecoder().decode(fixtureBytes("rollcall.csv"));
    const first = await importBytes(actor, source.id, "rollcall-csv", fixtureBytes("rollcall.csv"), "rollcall.csv");
    expect(first.outcome.status).toBe("SUCCEEDED");

    let refused = 0;
    let applied = 0;
    await fc.assert(
      fc.asyncProperty(mutations, async (list) => {
        const bytes = new TextEncoder().encode(applyAll(original, list));
        if (bytes.length === 0) return; // an empty upload is refused before any import exists
        const before = await inventoryState(ws.id);
        const { syncId, outcome } = await importBytes(actor, source.id, "rollcall-csv", bytes, "fuzzed.csv");
        const sync = await db.sourceSync.findUniqueOrThrow({ where: { id: syncId } });
        if (outcome.status === "FAILED") {
          refused++;
          expect(await inventoryState(ws.id)).toBe(before);
          expect(sync.status).toBe("FAILED");
          const errors = sync.errors as { line: number | null; reason: string }[];
          expect(errors.length).toBeGreaterThan(0);
          expect(errors.filter((e) => !(typeof e.line === "number" && e.line >= 1) && !e.reason.startsWith("…and "))).toEqual([]);
        } else {
          applied++;
          expect(outcome.status).toBe("SUCCEEDED");
          expect(sync.status).toBe("SUCCEEDED");
        }
      }),
      { numRuns: 40 },
    );
    expect(refused).toBeGreaterThan(5); // the damage really produced refused files…
    expect(refused + applied).toBeGreaterThan(30);
    expect(await verifyAuditChain(ws.id)).toMatchObject({ ok: true }); // …and the trail of every attempt verifies
  }, 180_000);
});
