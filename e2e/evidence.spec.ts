import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./fixtures";
import { createCampaign, createDecision, createIdentity, createRemediationTask, createReviewItem, createSource, createUser, createWorkspace } from "../prisma/factories";
import { verifyPack } from "../lib/evidence/verify-pack";
import { db } from "./db";
import { signInAs } from "./sign-in";

// The auditor's journey: a closed campaign → its evidence page → generate → progress → download a
// pack that verifies offline. Packs are built by the worker, so this spec runs one next to the app
// with the app's own environment (same AUTH_SECRET and data directory).
test.describe.configure({ mode: "serial" });

let worker: ChildProcess | undefined;
let fixture: { campaignId: string; campaignName: string; auditorEmail: string; memberEmail: string; cmEmail: string; explainCampaignId: string; explainTaskId: string };

test.beforeAll(async () => {
  const appEnv = test.info().config.webServer?.env ?? {};
  const tsx = createRequire(import.meta.url).resolve("tsx/cli");
  worker = spawn(process.execPath, [tsx, "scripts/worker.ts"], { env: { ...process.env, ...appEnv, DATABASE_URL: process.env.DATABASE_URL }, stdio: ["ignore", "inherit", "inherit"] });

  const ws = await createWorkspace(db, { name: "Evidence E2E Inc" });
  // The key sealed here would use this test process's secret; let the worker create the workspace key
  // with the app's secret instead (the builder creates one, audited, when a workspace has none).
  await db.signingKey.deleteMany({ where: { workspaceId: ws.id } });
  const tag = Date.now().toString(36);
  const auditor = await createUser(db, ws.id, { role: "AUDITOR", name: "Ines Auditor", email: `ines.auditor.${tag}@evidence.test` });
  const member = await createUser(db, ws.id, { role: "MEMBER", name: "Mo Member", email: `mo.member.${tag}@evidence.test` });
  const cm = await createUser(db, ws.id, { role: "COMPLIANCE_MANAGER", name: "Cy Compliance" });
  const source = await createSource(db, ws.id, { name: "aws-e2e", kind: "AWS" });
  const campaign = await createCampaign(db, ws.id, { name: `Closed review ${tag}`, status: "ACTIVE", createdById: cm.id });
  for (const [i, kind] of (["ATTEST", "REVOKE", "ATTEST"] as const).entries()) {
    const identity = await createIdentity(db, ws.id, { sourceId: source.id, name: `e2e-svc-${i}`, ownerId: member.id, entitlements: [{ name: "s3-read" }], credentials: [{ kind: "ACCESS_KEY" }] });
    const item = await createReviewItem(db, ws.id, { campaignId: campaign.id, identityId: identity.id, reviewerId: member.id });
    const decision = await createDecision(db, ws.id, { itemId: item.id, kind, deciderId: member.id, justification: kind === "REVOKE" ? "Unused for a year" : undefined });
    if (kind === "REVOKE") await createRemediationTask(db, ws.id, { decisionId: decision.id, identityId: identity.id, status: "VERIFIED" });
  }
  await db.campaign.update({ where: { id: campaign.id }, data: { status: "CLOSED", closedAt: new Date(), signedOffById: cm.id, signedOffAt: new Date(), signOffStatement: "Reviewed." } });
  // A second closed campaign whose revocation no sync can verify (the source is gone): the compliance manager explains it.
  const other = await createCampaign(db, ws.id, { name: `Unverifiable ${tag}`, status: "ACTIVE", createdById: cm.id });
  const gone = await createIdentity(db, ws.id, { sourceId: source.id, name: `e2e-unverifiable-${tag}`, ownerId: member.id, credentials: [{ kind: "ACCESS_KEY" }] });
  const goneItem = await createReviewItem(db, ws.id, { campaignId: other.id, identityId: gone.id, reviewerId: member.id });
  const goneDecision = await createDecision(db, ws.id, { itemId: goneItem.id, kind: "REVOKE", deciderId: member.id, justification: "Vendor integration retired" });
  const task = await createRemediationTask(db, ws.id, { decisionId: goneDecision.id, identityId: gone.id, status: "EXECUTED" });
  await db.campaign.update({ where: { id: other.id }, data: { status: "CLOSED", closedAt: new Date(), signedOffById: cm.id, signedOffAt: new Date(), signOffStatement: "Reviewed." } });
  fixture = { campaignId: campaign.id, campaignName: campaign.name, auditorEmail: auditor.email, memberEmail: member.email, cmEmail: cm.email, explainCampaignId: other.id, explainTaskId: task.id };
});

test.afterAll(() => {
  if (worker?.pid) process.kill(worker.pid, "SIGTERM");
});

test("an auditor opens a closed campaign's evidence, generates the pack and downloads it", async ({ page }) => {
  await signInAs(page, fixture.auditorEmail);
  await page.goto("/evidence");
  await expect(page.getByRole("heading", { level: 1, name: "Evidence" })).toBeVisible();
  const serious = (await new AxeBuilder({ page }).analyze()).violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => v.id)).toEqual([]);
  await page.getByRole("link", { name: fixture.campaignName }).click();
  await expect(page.getByRole("heading", { level: 1, name: fixture.campaignName })).toBeVisible();
  await expect(page.getByText("3 of 3")).toBeVisible();

  await page.getByRole("button", { name: "Generate pack" }).click();
  await expect(page.getByTestId("pack-row")).toHaveCount(1);
  const download = page.getByRole("link", { name: "Download" });
  await expect(download).toBeVisible({ timeout: 45_000 });
  const shown = (await page.getByTestId("pack-sha256").textContent())!.trim();
  const fingerprint = (await page.getByTestId("workspace-fingerprint").textContent())!.trim();

  const [file] = await Promise.all([page.waitForEvent("download"), download.click()]);
  expect(file.suggestedFilename()).toMatch(/^rollcall-evidence-evp_[0-9a-f]{32}\.zip$/);
  const saved = test.info().outputPath("pack.zip");
  await file.saveAs(saved);
  expect(createHash("sha256").update(readFileSync(saved)).digest("hex")).toBe(shown);
  const report = await verifyPack(saved, { expectedFingerprint: fingerprint });
  expect(report.problems).toEqual([]);
  expect(report.ok).toBe(true);

  const ws = (await db.campaign.findUniqueOrThrow({ where: { id: fixture.campaignId } })).workspaceId;
  const actions = (await db.auditEvent.findMany({ where: { workspaceId: ws }, orderBy: { seq: "asc" } })).map((e) => e.action);
  expect(actions).toEqual(expect.arrayContaining(["evidence.pack-requested", "evidence.pack-built", "evidence.pack-downloaded"]));
  // No decision buttons anywhere for an auditor: evidence is read-only.
  await expect(page.getByRole("button", { name: /keep|revoke/i })).toHaveCount(0);
});

test("a member cannot reach the evidence page or any pack download", async ({ page }) => {
  const pack = await db.evidencePack.findFirstOrThrow({ where: { campaignId: fixture.campaignId, status: "READY" } });
  await signInAs(page, fixture.memberEmail);
  // The pages refuse (the status can already be committed as 200 when the refusal streams in after
  // the shell, so the check is on what is shown); the API answers 403 outright.
  for (const path of ["/evidence", `/evidence/${fixture.campaignId}`]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { name: "You don't have access to this page" }), path).toBeVisible();
    await expect(page.getByRole("link", { name: /download/i }), path).toHaveCount(0);
    await expect(page.getByText(fixture.campaignName), path).toHaveCount(0);
  }
  for (const url of [`/api/v1/evidence/${pack.id}/download`, `/api/v1/campaigns/${fixture.campaignId}/evidence`, `/api/v1/evidence/${pack.id}`]) {
    const response = await page.request.get(url);
    expect(response.status(), url).toBe(403);
    expect(response.headers()["content-type"], url).toContain("application/json");
  }
  expect((await page.request.post(`/api/v1/campaigns/${fixture.campaignId}/evidence`)).status()).toBe(403);
});

test("a compliance manager explains a remediation no sync can verify, on the campaign page (audited)", async ({ page }) => {
  await signInAs(page, fixture.cmEmail);
  await page.goto(`/campaigns/${fixture.explainCampaignId}`);
  const table = page.getByTestId("unverified-remediation");
  await expect(table).toContainText("e2e-unverifiable");
  await page.getByRole("button", { name: /^Explain the remediation of e2e-unverifiable/ }).click();
  const field = page.getByLabel("Why can this not be verified by a sync?");
  await field.fill("short");
  await page.getByRole("button", { name: "Save explanation" }).click();
  await expect(page.getByText("Explain in at least 10 characters why this cannot be verified")).toBeVisible();
  const text = "Source decommissioned; the key was deleted by hand (OPS-42).";
  await field.fill(text);
  await page.getByRole("button", { name: "Save explanation" }).click();
  await expect(table).toContainText(text);
  const task = await db.remediationTask.findUniqueOrThrow({ where: { id: fixture.explainTaskId } });
  expect(task.detail).toMatchObject({ explanation: text });
  expect(await db.auditEvent.count({ where: { action: "remediation.explained", subjectId: fixture.explainTaskId } })).toBe(1);
});
