import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { expect, test } from "./fixtures";
import { createCampaign, createFinding, createIdentity, createReviewItem } from "../prisma/factories";
import { DEMO, db, demoUser } from "./db";
import { signInAs } from "./sign-in";

const DAY = 86_400_000;

test.beforeAll(() => {
  // The web app enqueues follow-up jobs (e.g. "not mine" mails the new owner); their queues must exist.
  const tsx = createRequire(import.meta.url).resolve("tsx/cli");
  execFileSync(process.execPath, [tsx, "e2e/job-runner.ts", "--ensure-queues"], { env: process.env, stdio: "inherit" });
});

test("an owner keeps, revokes, reduces, excepts and reassigns from the inbox, by mouse and keyboard", async ({ page }) => {
  test.setTimeout(180_000); // one long journey through eight decisions
  const owner = await demoUser(DEMO.member);
  const sam = await demoUser("sam.platform@acme.test");
  const ws = owner.workspaceId;
  const source = await db.source.findFirstOrThrow({ where: { workspaceId: ws, kind: "AWS" } });
  const stamp = Date.now().toString(36);
  const campaign = await createCampaign(db, ws, { name: `E2E owner review ${stamp}` });
  const names = ["keep", "revoke", "reduce", "except", "reassign", "keyboard", "bulk", "flagged"].map((n) => `e2e-${n}-${stamp}`);
  const items: Record<string, string> = {};
  for (const [i, name] of names.entries()) {
    const identity = await createIdentity(db, ws, {
      sourceId: source.id, name, ownerId: owner.id, lastUsedAt: new Date(Date.now() - DAY), blastRadius: 20,
      credentials: [{ kind: "ACCESS_KEY", externalId: `AKIAE2E${stamp}${i}` }],
      entitlements: [{ name: "AdministratorAccess", privileged: true, wildcard: true }, { name: "logs-read", resource: "logs/*" }],
    });
    const item = await createReviewItem(db, ws, { campaignId: campaign.id, identityId: identity.id, reviewerId: owner.id, dueAt: new Date(Date.now() + (5 + i) * DAY) });
    items[name] = item.id;
    if (name.includes("flagged")) await createFinding(db, ws, { identityId: identity.id, kind: "DORMANT", severity: "LOW", sentence: `${name} was idle for 95 days before today.`, reviewItemId: item.id });
  }
  const [keep, revoke, reduce, except, reassign, keyboard, bulk, flagged] = names as [string, string, string, string, string, string, string, string];

  await signInAs(page, DEMO.member);
  await page.goto(`/reviews?campaign=${campaign.id}`);
  await expect(page.getByRole("heading", { name: "My reviews" })).toBeVisible();
  await expect(page.getByRole("rowheader", { name: `E2E owner review ${stamp}` }).or(page.getByRole("columnheader", { name: `E2E owner review ${stamp}` }))).toBeVisible();
  const status = page.getByTestId("inbox-status");

  await page.getByRole("button", { name: `Keep ${keep}` }).click();
  await expect(status).toHaveText(`Kept ${keep}.`);
  await expect(page.getByRole("link", { name: keep, exact: true })).toHaveCount(0);

  await page.getByRole("button", { name: `Revoke ${revoke}` }).click();
  await expect(status).toHaveText(`Revoked ${revoke}.`);

  await page.getByRole("button", { name: `More decisions for ${reduce}` }).click();
  await page.getByRole("menuitem", { name: "Reduce…" }).click();
  let dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: "Remove selected" }).click();
  await expect(dialog.getByText("Choose at least one entitlement to remove")).toBeVisible();
  await dialog.getByRole("checkbox", { name: /AdministratorAccess/ }).check();
  await dialog.getByRole("button", { name: "Remove selected" }).click();
  await expect(status).toHaveText(`Reduced ${reduce}.`);

  await page.getByRole("button", { name: `More decisions for ${except}` }).click();
  await page.getByRole("menuitem", { name: "Exception…" }).click();
  dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: "Grant exception" }).click();
  await expect(dialog.getByText("Choose the date the exception ends")).toBeVisible();
  await expect(dialog.getByText("Say why (at least 10 characters)")).toBeVisible();
  await dialog.getByLabel("Until").fill(new Date(Date.now() + 30 * DAY).toISOString().slice(0, 10));
  await dialog.getByLabel("Justification").fill("Needed until the Q2 payments migration");
  await dialog.getByRole("button", { name: "Grant exception" }).click();
  await expect(status).toHaveText(`Exception granted for ${except}.`);

  await page.getByRole("button", { name: `More decisions for ${reassign}` }).click();
  await page.getByRole("menuitem", { name: "Not mine…" }).click();
  dialog = page.getByRole("dialog");
  await dialog.getByLabel("Owner's email").fill("sam.platform@acme.test");
  await dialog.getByLabel("Justification").fill("Sam's platform team runs this deployer");
  await dialog.getByRole("button", { name: "Reassign" }).click();
  await expect(status).toHaveText(`Reassigned ${reassign}.`);

  // Keyboard: the cursor is on the first open row (keyboard); a keeps it; x selects, j moves, shift-a keeps the selection.
  await page.getByRole("heading", { name: "My reviews" }).click();
  await page.keyboard.press("a");
  await expect(status).toHaveText(`Kept ${keyboard}.`);
  await page.keyboard.press("x");
  await page.keyboard.press("j");
  await page.keyboard.press("x");
  await page.keyboard.press("Shift+A");
  await expect(status).toHaveText(`Kept 1 item. Skipped: ${flagged} (has findings: decide it on its own).`);
  await expect(page.getByRole("link", { name: bulk, exact: true })).toHaveCount(0);
  await expect(page.getByRole("link", { name: flagged, exact: true })).toBeVisible();

  const decisions = await db.decision.findMany({ where: { itemId: { in: Object.values(items) } }, include: { item: { include: { identity: true } } } });
  const kindOf = (name: string) => decisions.find((d) => d.item.identity.name === name)?.kind;
  expect([keep, revoke, reduce, except, reassign, keyboard, bulk].map(kindOf)).toEqual(["ATTEST", "REVOKE", "REDUCE", "EXCEPTION", "REASSIGN", "ATTEST", "ATTEST"]);
  expect(decisions.every((d) => d.channel === "WEB" && d.deciderId === owner.id)).toBe(true);
  expect(decisions.find((d) => d.item.identity.name === bulk)?.batchId).not.toBeNull();
  expect(await db.remediationTask.count({ where: { decision: { itemId: { in: [items[revoke]!, items[reduce]!] } } } })).toBe(2);
  const moved = await db.identity.findFirstOrThrow({ where: { workspaceId: ws, name: reassign } });
  expect(moved.ownerId).toBe(sam.id);
  expect(await db.reviewItem.count({ where: { campaignId: campaign.id, identityId: moved.id, reviewerId: sam.id, status: "PENDING" } })).toBe(1);

  // The item page: snapshot, findings with their sentence, a recommendation; deciding moves on without a reload.
  await page.getByRole("link", { name: flagged, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/reviews/${items[flagged]}$`));
  await expect(page.getByRole("heading", { level: 1, name: flagged })).toBeVisible();
  await expect(page.getByText(`${flagged} was idle for 95 days before today.`)).toBeVisible();
  await expect(page.getByTestId("recommendation")).toContainText("→");
  await expect(page.getByText("AdministratorAccess on")).toBeVisible();
  await page.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true));
  await page.getByRole("group", { name: "Decision" }).getByRole("button", { name: "Keep" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Kept ${flagged}` })).toBeVisible();
  await expect(page).not.toHaveURL(new RegExp(`/reviews/${items[flagged]}$`));
  expect(await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);
});
