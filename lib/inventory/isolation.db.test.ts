import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getIdentity, listIdentities } from "@/lib/inventory/queries";
import { listMyPendingItems } from "@/lib/reviews/queries";
import { createCampaign, createIdentity, createReviewItem, createSource, createUser, createWorkspace } from "@/prisma/factories";

async function workspaceWithOneIdentity(name: string) {
  const ws = await createWorkspace(db);
  const owner = await createUser(db, ws.id);
  const source = await createSource(db, ws.id);
  const identity = await createIdentity(db, ws.id, { sourceId: source.id, name, ownerId: owner.id, credentials: [{ kind: "ACCESS_KEY" }], entitlements: [{ name: "s3:GetObject", resource: "arn:aws:s3:::bucket/*" }] });
  const campaign = await createCampaign(db, ws.id);
  await createReviewItem(db, ws.id, { campaignId: campaign.id, identityId: identity.id, reviewerId: owner.id });
  return { ws, owner, identity };
}

describe("workspace isolation", () => {
  it("finds an identity by id only inside its own workspace", async () => {
    const a = await workspaceWithOneIdentity("alpha-deployer");
    const b = await workspaceWithOneIdentity("beta-deployer");
    expect((await getIdentity(a.ws.id, a.identity.id))?.name).toBe("alpha-deployer");
    expect(await getIdentity(a.ws.id, b.identity.id)).toBeNull();
  });

  it("lists and searches only the workspace's own identities", async () => {
    const a = await workspaceWithOneIdentity("shared-name");
    await workspaceWithOneIdentity("shared-name");
    const { rows } = await listIdentities(a.ws.id, { q: "shared", page: 1 });
    expect(rows.map((r) => r.id)).toEqual([a.identity.id]);
  });

  it("limits a member's inventory to what they own", async () => {
    const a = await workspaceWithOneIdentity("owned-by-owner");
    const other = await createUser(db, a.ws.id);
    expect((await listIdentities(a.ws.id, { page: 1 }, other.id)).rows).toEqual([]);
    expect((await listIdentities(a.ws.id, { page: 1 }, a.owner.id)).rows).toHaveLength(1);
  });

  it("shows a reviewer only their own workspace's pending items", async () => {
    const a = await workspaceWithOneIdentity("alpha");
    const b = await workspaceWithOneIdentity("beta");
    expect(await listMyPendingItems(b.ws.id, a.owner.id)).toEqual([]);
    expect((await listMyPendingItems(a.ws.id, a.owner.id)).map((i) => i.identity.name)).toEqual(["alpha"]);
  });
});
