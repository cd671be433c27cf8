import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { expect, test, type Page } from "./fixtures";
import AxeBuilder from "@axe-core/playwright";
import { DEMO, db, demoUser } from "./db";
import { signInAs } from "./sign-in";
import { hashApiKeySecret, newApiKeySecret } from "../lib/api-keys/secret";

// Imports run as pg-boss jobs: this journey needs the worker beside the web server.
let worker: ChildProcess | undefined;
test.beforeAll(async () => {
  const tsx = createRequire(import.meta.url).resolve("tsx/cli");
  worker = spawn(process.execPath, [tsx, "scripts/worker.ts"], { env: { ...process.env }, stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("worker did not start")), 60_000);
    worker!.stdout!.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("[worker] ready")) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
});
test.afterAll(async () => {
  if (!worker || worker.exitCode !== null) return;
  const exited = new Promise((resolve) => worker!.once("exit", resolve));
  worker.kill("SIGTERM");
  await exited;
});

async function noSeriousViolations(page: Page, where: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), where).toEqual([]);
}

test("a compliance manager imports a credential report, watches it apply, finds an identity and reassigns it", async ({ page }) => {
  test.setTimeout(120_000);
  await signInAs(page, DEMO.complianceManager);
  await page.goto("/inventory");
  await page.getByRole("link", { name: "Sources & imports" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sources" })).toBeVisible();
  await noSeriousViolations(page, "sources");

  const sourceName = `aws-e2e-${Date.now()}`;
  await page.getByLabel("Source name").fill(sourceName);
  await page.getByLabel("Kind").selectOption("AWS");
  await page.getByRole("button", { name: "Add source" }).click();
  await expect(page).toHaveURL(/\/sources\/src_[0-9a-f]{32}\?upload=1$/);

  // A broken file is refused before anything is stored, with every error located.
  await page.getByLabel("Inventory file").setInputFiles("lib/inventory/formats/fixtures/aws-credential-report-bad.csv");
  await page.getByRole("button", { name: "Upload and preview" }).click();
  const errors = page.getByRole("table", { name: "Errors" });
  await expect(errors).toContainText('"maybe" is not true or false');
  await expect(errors).toContainText("expected 22 fields as in the header, found 4");
  await page.getByRole("button", { name: "Choose another file" }).click();

  await page.getByLabel("Inventory file").setInputFiles("lib/inventory/formats/fixtures/aws-credential-report.csv");
  await page.getByRole("button", { name: "Upload and preview" }).click();
  const preview = page.getByRole("table", { name: "Preview of the first rows" });
  await expect(preview).toContainText("ci-deployer");
  await expect(page.getByText(/^aws-credential-report · \d+ KB · sha256/)).toBeVisible();
  await noSeriousViolations(page, "upload preview");
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByRole("progressbar")).toBeVisible();
  const summary = page.getByTestId("sync-summary");
  await expect(summary).toContainText("5 seen · 5 added · 0 changed · 0 removed", { timeout: 60_000 });
  await expect(summary).toContainText("Credentials: 5 created");
  await expect(page.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "100");
  await expect(page.getByRole("cell", { name: "aws-credential-report.csv" })).toBeVisible();

  await page.getByRole("link", { name: "See these identities in the inventory" }).click();
  await page.getByRole("form", { name: "Filters" }).getByLabel("Search", { exact: true }).fill("ci-deployer");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/q=ci-deployer/);
  await noSeriousViolations(page, "inventory");
  await page.getByRole("link", { name: "ci-deployer", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("ci-deployer");
  await expect(page.getByText("Orphan: nobody owns it.")).toBeVisible();
  await expect(page.getByRole("cell", { name: "arn:aws:iam::123456789012:user/ci/ci-deployer#access-key-2" })).toBeVisible();
  await noSeriousViolations(page, "identity");

  const olivia = await demoUser(DEMO.member);
  const ownerForm = page.getByRole("form", { name: "Change owner" });
  await ownerForm.getByLabel("Owner", { exact: true }).selectOption(olivia.id);
  await ownerForm.getByLabel("Reason (kept in the audit log)").fill("Olivia runs the CI pipeline");
  await page.getByRole("button", { name: "Save owner" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Owner changed" })).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("owner-name")).toContainText("Olivia Owner");
  await expect(page.getByTestId("identity-audit")).toContainText("identity.owner-changed");

  await page.goto("/audit");
  await expect(page.getByRole("cell", { name: "identity.owner-changed" }).first()).toBeVisible();
  await expect(page.getByRole("cell", { name: "inventory.synced" }).first()).toBeVisible();
});

test("the push API takes a batch with an inventory:write key and refuses a bad one whole", async ({ playwright }) => {
  const admin = await demoUser(DEMO.admin);
  const source = await db.source.create({ data: { workspaceId: admin.workspaceId, name: `push-e2e-${Date.now()}`, kind: "GENERIC" } });
  const key = async (scopes: string[]) => {
    const secret = newApiKeySecret();
    await db.apiKey.create({ data: { workspaceId: admin.workspaceId, name: `push ${scopes.join(",")}`, prefix: secret.slice(0, 9), hash: hashApiKeySecret(secret), scopes } });
    return playwright.request.newContext({ baseURL: test.info().project.use.baseURL, extraHTTPHeaders: { authorization: `Bearer ${secret}` } });
  };
  const writer = await key(["inventory:write", "inventory:read"]);
  const reader = await key(["inventory:read"]);
  const batch = { identities: [{ externalId: "cmdb:1", name: "billing-exporter", kind: "service_account", credentials: [{ externalId: "k1", kind: "access_key" }], entitlements: [{ name: "AdministratorAccess", resource: "*" }] }] };

  expect((await reader.put(`/api/v1/sources/${source.id}/identities`, { data: batch })).status()).toBe(403);
  const ok = await writer.put(`/api/v1/sources/${source.id}/identities`, { data: batch });
  expect(ok.status()).toBe(200);
  expect(await ok.json()).toMatchObject({ seen: 1, added: 1, baseline: true });
  const bad = await writer.put(`/api/v1/sources/${source.id}/identities`, { data: { identities: [{ ...batch.identities[0], kind: "robot" }] } });
  expect(bad.status()).toBe(422);
  expect((await bad.json()).error.issues[0]).toMatchObject({ path: "identities.0.kind" });
  const sync = await writer.get(`/api/v1/sources/${source.id}/syncs`);
  expect((await sync.json()).syncs).toHaveLength(1);
  await writer.dispose();
  await reader.dispose();
});
