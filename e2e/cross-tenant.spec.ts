import { expect, test } from "./fixtures";
import { createIdentity, createSource, createWorkspace } from "../prisma/factories";
import { DEMO, db, demoUser } from "./db";
import { signInAs } from "./sign-in";
import { hashApiKeySecret, newApiKeySecret } from "../lib/api-keys/secret";

test("a person of one workspace cannot read another workspace's objects by id", async ({ page, playwright }) => {
  const other = await createWorkspace(db, { name: "Globex" });
  const source = await createSource(db, other.id, { name: "globex-aws", kind: "AWS" });
  const foreign = await createIdentity(db, other.id, { sourceId: source.id, name: "globex-secret-deployer" });

  await signInAs(page, DEMO.admin);
  const pageResponse = await page.goto(`/inventory/${foreign.id}`);
  expect(pageResponse?.status()).toBe(404);
  await expect(page.getByText("globex-secret-deployer")).toHaveCount(0);
  const apiResponse = await page.request.get(`/api/v1/identities/${foreign.id}`);
  expect(apiResponse.status()).toBe(404);
  expect(await apiResponse.text()).not.toContain("globex");

  // The same holds for an API key of the other workspace reading ours.
  const ours = await db.identity.findFirstOrThrow({ where: { workspaceId: (await demoUser(DEMO.admin)).workspaceId } });
  const secret = newApiKeySecret();
  await db.apiKey.create({ data: { workspaceId: other.id, name: "globex key", prefix: secret.slice(0, 9), hash: hashApiKeySecret(secret), scopes: ["inventory:read"] } });
  const globex = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL, extraHTTPHeaders: { authorization: `Bearer ${secret}` } });
  expect((await globex.get(`/api/v1/identities/${foreign.id}`)).status()).toBe(200);
  expect((await globex.get(`/api/v1/identities/${ours.id}`)).status()).toBe(404);
  await globex.dispose();
});

test("a member sees only the identities they own", async ({ page }) => {
  const member = await demoUser(DEMO.member);
  const notMine = await db.identity.findFirstOrThrow({ where: { workspaceId: member.workspaceId, NOT: { ownerId: member.id } } });
  const mine = await db.identity.findFirstOrThrow({ where: { workspaceId: member.workspaceId, ownerId: member.id } });
  await signInAs(page, DEMO.member);
  expect((await page.goto(`/inventory/${mine.id}`))?.status()).toBe(200);
  expect((await page.goto(`/inventory/${notMine.id}`))?.status()).toBe(404);
});
