import { expect, test } from "./fixtures";
import AxeBuilder from "@axe-core/playwright";
import { DEMO, demoUser } from "./db";

const cases = [
  { role: "Admin", email: DEMO.admin, nav: ["Reviews", "Inventory", "Findings", "Campaigns", "Triggers", "Evidence", "Audit log", "Settings"], home: "/reviews" },
  { role: "Compliance manager", email: DEMO.complianceManager, nav: ["Reviews", "Inventory", "Findings", "Campaigns", "Triggers", "Evidence", "Audit log"], home: "/reviews" },
  { role: "Auditor", email: DEMO.auditor, nav: ["Campaigns", "Evidence", "Audit log"], home: "/campaigns" },
  { role: "Member", email: DEMO.member, nav: ["Reviews", "Inventory"], home: "/reviews" },
];

for (const c of cases) {
  test(`${c.role} signs in on the demo page and sees their navigation`, async ({ page }) => {
    // Eight pages, each with an axe scan: more than the default budget on a loaded 2-core machine.
    test.setTimeout(240_000);
    await page.goto("/reviews");
    await expect(page).toHaveURL(/\/signin/);
    const user = await demoUser(c.email);
    await page.getByLabel("Sign in as a demo person").selectOption(user.id);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`${c.home}$`));
    await expect(page.getByTestId("current-role")).toHaveText(c.role === "Member" ? "Member" : c.role);
    const nav = page.getByRole("navigation", { name: "Main" }).getByRole("link");
    await expect(nav).toHaveText(c.nav.map((label) => new RegExp(`^${label}`)));

    // Every page in the navigation opens and has no serious accessibility violations.
    for (const label of c.nav) {
      await nav.filter({ hasText: new RegExp(`^${label}`) }).click();
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      const results = await new AxeBuilder({ page }).analyze();
      const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), `${c.role} on ${label}`).toEqual([]);
    }
  });
}
