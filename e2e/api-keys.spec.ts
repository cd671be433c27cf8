import { expect, test } from "./fixtures";
import { DEMO } from "./db";
import { signInAs } from "./sign-in";

test("an admin creates an API key, uses it once shown, and revokes it", async ({ page, playwright }) => {
  await signInAs(page, DEMO.admin);
  await page.goto("/settings/api-keys");

  // The shared zod schema refuses an empty form and says why.
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByText("Give the key a name")).toBeVisible();
  await expect(page.getByText("Choose at least one scope")).toBeVisible();

  const name = `audit-export-${Date.now()}`;
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("checkbox", { name: "audit:read", exact: true }).check(); // other specs leave keys whose Revoke buttons name their scopes
  await page.getByRole("button", { name: "Create key" }).click();
  const secret = (await page.getByTestId("api-key-secret").textContent())!.trim();
  expect(secret).toMatch(/^rk_/);
  await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText("active");

  const api = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL, extraHTTPHeaders: { authorization: `Bearer ${secret}` } });
  expect((await api.get("/api/v1/audit/verify")).status()).toBe(200);
  // A key carries only its scopes.
  expect((await api.get("/api/v1/identities/idn_00000000000000000000000000000000")).status()).toBe(403);

  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: `Revoke ${name}` }).click();
  await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText("revoked");
  expect((await api.get("/api/v1/audit/verify")).status()).toBe(401);

  await page.goto("/audit");
  await expect(page.getByRole("cell", { name: "api-key.revoked" }).first()).toBeVisible();
  await expect(page.getByTestId("chain-status")).toContainText("Chain verified");
  await api.dispose();
});
