import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { expect, test } from "./fixtures";
import AxeBuilder from "@axe-core/playwright";
import { DEMO, db, demoUser } from "./db";
import { signInAs } from "./sign-in";

/** A CloudTrail record as AWS delivers it (only the fields Rollcall reads). */
function record(fields: { eventName: string; userIdentity: Record<string, unknown>; requestParameters?: Record<string, unknown>; responseElements?: Record<string, unknown>; userAgent?: string; sourceIPAddress?: string }) {
  return {
    eventVersion: "1.08", eventTime: new Date(Date.now() - 60_000).toISOString().replace(/\.\d{3}Z$/, "Z"), awsRegion: "us-east-1",
    eventSource: fields.eventName === "ConsoleLogin" ? "signin.amazonaws.com" : "iam.amazonaws.com", eventID: randomUUID(), recipientAccountId: "123456789012",
    sourceIPAddress: fields.sourceIPAddress ?? "203.0.113.10", userAgent: fields.userAgent ?? "aws-cli/2.15.10", ...fields,
  };
}

test("a compliance manager uploads a CloudTrail file, sees the findings, and opens the review item they created", async ({ page }) => {
  const cm = await demoUser(DEMO.complianceManager);
  const known = await db.identity.findFirstOrThrow({ where: { workspaceId: cm.workspaceId, externalId: { startsWith: "arn:aws:iam::123456789012:user/" }, status: "ACTIVE" }, orderBy: { name: "asc" } });
  const role = `shadow-${Date.now()}`;
  const sso = { type: "AssumedRole", arn: "arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_Admin_0123/dana@acme.test", accountId: "123456789012", sessionContext: { sessionIssuer: { type: "Role", arn: "arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_0123", userName: "AWSReservedSSO_Admin_0123" } } };
  const file = path.join(mkdtempSync(path.join(tmpdir(), "rollcall-e2e-")), "cloudtrail.json");
  writeFileSync(file, JSON.stringify({
    Records: [
      record({ eventName: "CreateRole", userIdentity: sso, requestParameters: { roleName: role }, responseElements: { role: { roleName: role, arn: `arn:aws:iam::123456789012:role/${role}` } } }),
      record({ eventName: "ConsoleLogin", userIdentity: { type: "IAMUser", arn: known.externalId, accountId: "123456789012", userName: known.name }, responseElements: { ConsoleLogin: "Success" }, userAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/121.0.0.0 Safari/537.36", sourceIPAddress: "192.0.2.44" }),
      { eventVersion: "1.08", eventName: "ListBuckets" },
    ],
  }));

  await signInAs(page, DEMO.complianceManager);
  await page.goto("/findings");
  await page.getByLabel("Format").selectOption("cloudtrail");
  await page.getByLabel("Log file").setInputFiles(file);
  await page.getByRole("button", { name: "Upload events" }).click();
  const report = page.getByTestId("ingest-report");
  await expect(report).toContainText("3 records: 2 accepted, 0 duplicate, 1 unreadable");
  await expect(report).toContainText("1 shadow identities discovered");
  await expect(report).toContainText("record 3: missing or invalid eventTime");

  // The findings table shows both sentences; the shadow role's review is the compliance manager's (fallback reviewer).
  const shadowRow = page.getByRole("row", { name: new RegExp(`${role} appeared in CloudTrail`) });
  await expect(shadowRow).toContainText("but is not in the inventory; nobody owns it yet.");
  await expect(page.getByRole("row", { name: new RegExp(`${known.name} signed in interactively`) })).toContainText("a machine identity used by a person");

  // The identity page shows the activity timeline and the identity's findings with their sentences.
  await page.getByRole("row", { name: new RegExp(`${known.name} signed in interactively`) }).getByRole("link", { name: known.name, exact: true }).click();
  await expect(page).toHaveURL(/\/inventory\/idn_[0-9a-f]{32}#activity/);
  await expect(page.getByRole("heading", { name: "Activity, last 30 days" })).toBeVisible();
  await expect(page.getByTestId("identity-findings")).toContainText(`${known.name} signed in interactively`);
  await page.goto("/findings");

  // Filters live in the URL.
  await page.getByLabel("Rule").selectOption("NEW_IDENTITY");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/kind=NEW_IDENTITY/);
  await expect(page.getByRole("row", { name: new RegExp(`${known.name} signed in`) })).toHaveCount(0);

  await page.getByRole("row", { name: new RegExp(`${role} appeared in CloudTrail`) }).getByRole("link", { name: `Open review of ${role}` }).click();
  await expect(page).toHaveURL(/\/reviews\/itm_[0-9a-f]{32}/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(role);
  await expect(page.getByText(`${role} has no owner.`)).toBeVisible();
  const item = await db.reviewItem.findUniqueOrThrow({ where: { id: page.url().split("/reviews/")[1]!.split("?")[0]! } });
  expect(item.reviewerId).toBe(cm.id);

  // The same file again changes nothing.
  await page.goto("/findings");
  await page.getByLabel("Log file").setInputFiles(file);
  await page.getByRole("button", { name: "Upload events" }).click();
  await expect(page.getByTestId("ingest-report")).toContainText("3 records: 0 accepted, 2 duplicate, 1 unreadable");
  await expect(page.getByTestId("ingest-report")).toContainText("0 findings opened");
});

test("the events API refuses unknown formats, empty bodies, strangers and auditors", async ({ playwright, page }) => {
  await signInAs(page, DEMO.complianceManager);
  const bad = await page.request.post("/api/v1/events?format=syslog", { data: "{}" });
  expect(bad.status()).toBe(422);
  const empty = await page.request.post("/api/v1/events?format=jsonl", { data: "" });
  expect(empty.status()).toBe(422);
  const anonymous = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  expect((await anonymous.post("/api/v1/events?format=jsonl", { data: "{}" })).status()).toBe(401);
  await anonymous.dispose();
  await signInAs(page, DEMO.auditor);
  expect((await page.request.post("/api/v1/events?format=jsonl", { data: "{}" })).status()).toBe(403);
});

test("a compliance manager tunes a rule, dry-runs the triggers, and both pages pass the accessibility check", async ({ page }) => {
  test.setTimeout(120_000);
  const cm = await demoUser(DEMO.complianceManager);
  await signInAs(page, DEMO.complianceManager);
  await page.goto("/triggers");
  const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Token spike" }) });
  await card.getByLabel("Spike factor (× 30-day median)").fill("0");
  await card.getByRole("button", { name: "Save token spike" }).click();
  await expect(card.getByText("Between 1 and 1000")).toBeVisible();
  await card.getByLabel("Spike factor (× 30-day median)").fill("8");
  await card.getByRole("button", { name: "Save token spike" }).click();
  await expect(card.getByRole("status")).toHaveText("Saved.");
  const rule = await db.triggerRule.findFirstOrThrow({ where: { workspaceId: cm.workspaceId, kind: "TOKEN_SPIKE" } });
  expect(rule.params).toMatchObject({ factor: 8 });
  expect(await db.auditEvent.count({ where: { workspaceId: cm.workspaceId, action: "trigger-rule.updated", subjectId: rule.id } })).toBeGreaterThan(0);

  await page.getByRole("button", { name: "Run dry run" }).click();
  await expect(page.getByTestId("dry-run-result")).toContainText(/events from \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}/);
  await expect(page.getByTestId("dry-run-result").getByRole("row", { name: /Token spike/ })).toBeVisible();

  for (const path of ["/triggers", "/findings"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), path).toEqual([]);
  }
});
