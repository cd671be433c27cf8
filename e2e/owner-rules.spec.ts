import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "./fixtures";
import { DEMO, db, demoUser } from "./db";
import { signInAs } from "./sign-in";

async function noSeriousViolations(page: Page, where: string) {
  const serious = (await new AxeBuilder({ page }).analyze()).violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), where).toEqual([]);
}

/** A source of its own with two unowned identities, so the rule (limited to it) touches nothing else of the demo. */
async function ownSource() {
  const stamp = Date.now().toString(36);
  const { workspaceId } = await demoUser(DEMO.complianceManager);
  const source = await db.source.create({ data: { workspaceId, name: `rules-e2e-${stamp}`, kind: "GENERIC" } });
  const make = (name: string, tags: Record<string, string>) =>
    db.identity.create({ data: { workspaceId, sourceId: source.id, kind: "WORKLOAD", externalId: `e2e:${name}`, name, tags } });
  const payments = await make(`payments-api-${stamp}`, { team: "payments" });
  const other = await make(`search-api-${stamp}`, { team: "search" });
  return { stamp, workspaceId, source, payments, other };
}

test("a compliance manager adds an ownership rule, applies it now and sees the identity owned", async ({ page }) => {
  test.setTimeout(90_000);
  const w = await ownSource();
  const olivia = await demoUser(DEMO.member);
  const oliviaRow = await db.user.findUniqueOrThrow({ where: { email: DEMO.member }, select: { email: true } });
  await signInAs(page, DEMO.complianceManager);

  await page.goto("/inventory");
  await page.getByRole("link", { name: "Ownership rules" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Ownership rules" })).toBeVisible();
  await noSeriousViolations(page, "ownership rules");

  // The shared schema answers in the form before anything is sent.
  const form = page.getByRole("form", { name: "New rule" });
  await form.getByRole("button", { name: "Add rule" }).click();
  await expect(form.getByText("Give the rule a name")).toBeVisible();
  await expect(form.getByText("Choose an owner or a team")).toBeVisible();

  const ruleName = `Payments services ${w.stamp}`;
  await form.getByLabel("Rule name").fill(ruleName);
  await form.getByLabel("Source").selectOption({ label: w.source.name });
  await form.getByLabel("Name or external id matches").fill("payments-*");
  await form.getByLabel("Tag key").fill("team");
  await form.getByLabel("Tag value").fill("Payments");
  await form.getByLabel("Owner", { exact: true }).selectOption({ label: `${olivia.name} (${oliviaRow.email})` });
  await form.getByRole("button", { name: "Add rule" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Rule “${ruleName}” added` })).toBeVisible();

  const rules = page.getByRole("table", { name: "Ownership rules" });
  const row = rules.getByRole("row").filter({ hasText: ruleName });
  await expect(row).toContainText(`source ${w.source.name} · name or id ~ payments-* · tag team=Payments`);
  await expect(row).toContainText(olivia.name);
  await expect(row.getByRole("cell").nth(4)).toHaveText("1"); // matches now
  await expect(row.getByRole("cell").nth(5)).toHaveText("0"); // owns now: not applied yet

  await page.getByRole("button", { name: "Apply rules now" }).click();
  await expect(page.getByTestId("apply-result")).toContainText("1 owner changed · 1 matched");
  await expect(row.getByRole("cell").nth(5)).toHaveText("1");

  const owned = await db.identity.findUniqueOrThrow({ where: { id: w.payments.id } });
  expect([owned.ownerId, owned.ownerSource]).toEqual([olivia.id, "RULE"]);
  expect((await db.identity.findUniqueOrThrow({ where: { id: w.other.id } })).ownerId).toBeNull();
  const audit = await db.auditEvent.findFirstOrThrow({ where: { workspaceId: w.workspaceId, action: "owner-rules.applied" }, orderBy: { seq: "desc" } });
  expect(audit).toMatchObject({ actorLabel: DEMO.complianceManager, data: { ownersChanged: 1, matched: 1 } });

  // The identity now shows its owner in the inventory.
  await page.goto(`/inventory?q=${encodeURIComponent(w.payments.name)}`);
  await expect(page.getByRole("row").filter({ hasText: w.payments.name })).toContainText(olivia.name);

  // Edit, then delete: each change lands in the audit log.
  await page.goto("/settings/ownership");
  await page.getByRole("link", { name: `Edit ${ruleName}` }).click();
  const edit = page.getByRole("form", { name: "Edit rule" });
  await edit.getByLabel("Rule name").fill(`${ruleName} (edited)`);
  await edit.getByRole("button", { name: "Save rule" }).click();
  await expect(rules.getByRole("row").filter({ hasText: `${ruleName} (edited)` })).toBeVisible();
  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: `Delete ${ruleName} (edited)` }).click();
  await expect(page.getByRole("row").filter({ hasText: ruleName })).toHaveCount(0);
  const actions = await db.auditEvent.findMany({ where: { workspaceId: w.workspaceId, action: { startsWith: "owner-rule" }, actorLabel: DEMO.complianceManager }, orderBy: { seq: "asc" }, select: { action: true } });
  expect(actions.map((a) => a.action).slice(-4)).toEqual(["owner-rule.created", "owner-rules.applied", "owner-rule.updated", "owner-rule.deleted"]);
});

for (const who of [{ role: "member", email: DEMO.member }, { role: "auditor", email: DEMO.auditor }]) {
  test(`a ${who.role} may neither open the ownership rules nor change them through the API`, async ({ page }) => {
    await signInAs(page, who.email);
    const response = await page.goto("/settings/ownership");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
    const someone = await demoUser(DEMO.member);
    for (const [method, path] of [["GET", "/api/v1/owner-rules"], ["POST", "/api/v1/owner-rules"], ["POST", "/api/v1/owner-rules/apply"], ["PATCH", "/api/v1/owner-rules/own_00000000000000000000000000000000"], ["DELETE", "/api/v1/owner-rules/own_00000000000000000000000000000000"]] as const) {
      const answer = await page.request.fetch(path, { method, data: method === "POST" || method === "PATCH" ? { name: "mine", ownerUserId: someone.id } : undefined });
      expect(answer.status(), `${method} ${path}`).toBe(403);
      expect(await answer.json()).toMatchObject({ error: { code: "FORBIDDEN" } });
    }
  });
}
