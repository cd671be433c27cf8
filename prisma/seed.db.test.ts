import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { verifyAuditChain } from "@/lib/audit/verify-chain";
import { seedDemo } from "@/prisma/seed";

describe("demo seed", () => {
  it("creates the demo workspace once, with every kind of identity, an active campaign and findings", async () => {
    const first = await seedDemo();
    expect(first.created).toBe(true);
    const ws = first.workspaceId;
    const kinds = await db.identity.groupBy({ by: ["kind"], where: { workspaceId: ws } });
    expect(kinds).toHaveLength(9);
    expect(await db.source.count({ where: { workspaceId: ws } })).toBe(3);
    expect(await db.identity.count({ where: { workspaceId: ws } })).toBeGreaterThanOrEqual(200);
    const roles = (await db.user.groupBy({ by: ["role"], where: { workspaceId: ws } })).map((r) => r.role).sort();
    expect(roles).toEqual(["ADMIN", "AUDITOR", "COMPLIANCE_MANAGER", "MEMBER"]);
    const campaign = await db.campaign.findFirstOrThrow({ where: { workspaceId: ws, kind: "SCHEDULED", status: "ACTIVE" } });
    expect(await db.reviewItem.count({ where: { campaignId: campaign.id, status: "PENDING" } })).toBeGreaterThan(10);
    expect(await db.finding.count({ where: { workspaceId: ws } })).toBeGreaterThan(0);
    expect((await verifyAuditChain(ws)).ok).toBe(true);

    const second = await seedDemo();
    expect(second).toEqual({ created: false, workspaceId: ws });
    expect(await db.workspace.count()).toBe(1);
  });
});
