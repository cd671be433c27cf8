import { expect, test } from "./fixtures";
import { DEMO } from "./db";
import { signInAs } from "./sign-in";

// Server-side role checks: the page answers 403 whatever the navigation shows.
const refused = [
  { who: "Member", email: DEMO.member, paths: ["/settings", "/settings/api-keys", "/audit", "/findings", "/campaigns", "/triggers", "/evidence"] },
  { who: "Auditor", email: DEMO.auditor, paths: ["/settings", "/settings/api-keys", "/reviews", "/inventory", "/findings", "/triggers"] },
  { who: "Compliance manager", email: DEMO.complianceManager, paths: ["/settings", "/settings/api-keys"] },
];

for (const r of refused) {
  test(`${r.who} is refused pages outside their role`, async ({ page }) => {
    await signInAs(page, r.email);
    for (const path of r.paths) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
      await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
    }
  });
}

test("an auditor's session cannot use the API beyond reading the audit log", async ({ page }) => {
  await signInAs(page, DEMO.auditor);
  const verify = await page.request.get("/api/v1/audit/verify");
  expect(verify.status()).toBe(200);
  expect(await verify.json()).toMatchObject({ ok: true });
  const identity = await page.request.get("/api/v1/identities/idn_00000000000000000000000000000000");
  expect(identity.status()).toBe(403);
});

test("strangers are sent to sign in, and the API says 401", async ({ page }) => {
  await page.goto("/settings/api-keys");
  await expect(page).toHaveURL(/\/signin/);
  const api = await page.request.get("/api/v1/audit/verify");
  expect(api.status()).toBe(401);
  expect(await api.json()).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
});
