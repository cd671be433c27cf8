import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { expect, test } from "./fixtures";
import { startTestSmtp } from "../lib/notify/test-smtp";
import { DEMO, db, demoUser } from "./db";
import { signInAs } from "./sign-in";

// The journey needs the jobs a worker runs (freeze the population, mail reviewers). This spec runs just
// those in a child process (e2e/job-runner.ts, no cron schedules) and captures every mail they send
// with a real SMTP server in this process.
test.describe.configure({ mode: "serial" });

let smtp: Awaited<ReturnType<typeof startTestSmtp>>;
let runner: ChildProcess | null = null;

test.beforeAll(async () => {
  smtp = await startTestSmtp(); // sets SMTP_URL, which the job runner below inherits
  process.env.ROLLCALL_BASE_URL = test.info().project.use.baseURL!;
  process.env.AUTH_SECRET = "e2e-secret-e2e-secret-e2e-secret"; // the web server's (playwright.config.ts): links must verify there
  const tsx = createRequire(import.meta.url).resolve("tsx/cli");
  runner = spawn(process.execPath, [tsx, "e2e/job-runner.ts", "campaigns.launch", "reviews.notify-assigned", "reviews.remind-now", "campaigns.notify-closed"], { env: process.env, stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((resolve, reject) => {
    runner!.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("[job-runner] ready") && resolve());
    runner!.on("exit", (code) => reject(new Error(`job runner exited with ${code}`)));
  });
});

test.afterAll(async () => {
  if (runner && runner.exitCode === null) {
    const exited = new Promise((resolve) => runner!.on("exit", resolve));
    runner.kill("SIGTERM");
    await exited;
  }
  await smtp?.stop();
});

async function mailTo(email: string, subject: RegExp) {
  await expect.poll(() => smtp.received.some((m) => m.to.includes(email) && subject.test(m.text)), { timeout: 30_000 }).toBe(true);
  return smtp.received.find((m) => m.to.includes(email) && subject.test(m.text))!;
}

test("a compliance manager creates and launches a campaign, chases a straggler by mail, sees progress and closes with sign-off", async ({ browser }) => {
  test.setTimeout(240_000); // one long journey across three people on a shared, busy machine
  const dana = await demoUser("dana.data@acme.test");
  const expected = await db.identity.count({ where: { workspaceId: dana.workspaceId, ownerId: dana.id, status: "ACTIVE" } });
  expect(expected).toBeGreaterThan(0);
  const name = `Dana's identities ${Date.now().toString(36)}`;

  const manager = await browser.newPage();
  await signInAs(manager, DEMO.complianceManager);
  await manager.goto("/campaigns");
  await manager.getByRole("link", { name: "New campaign" }).click();
  await manager.getByLabel("Name", { exact: true }).fill(name);
  await manager.getByLabel("Owners").selectOption([dana.id]);
  await expect(manager.getByTestId("scope-count")).toHaveText(String(expected));
  await manager.getByRole("button", { name: "Review" }).click();
  await expect(manager.getByTestId("review-count")).toHaveText(String(expected));
  await manager.getByRole("button", { name: "Launch campaign" }).click();
  await expect(manager).toHaveURL(/\/campaigns\/cmp_[0-9a-f]{32}$/);
  const campaignId = manager.url().split("/").pop()!;

  // The launch job freezes the population (progress shown meanwhile), then every item is Dana's.
  await expect(manager.getByText(new RegExp(`Frozen \\d{4}-\\d{2}-\\d{2}: ${expected} identities`))).toBeVisible({ timeout: 30_000 });
  await expect(manager.getByRole("progressbar", { name: "Launch progress" })).toHaveCount(0);
  await expect(manager.getByTestId("progress-decided")).toHaveText("0");
  await expect(manager.getByRole("heading", { name: "Burndown" })).toBeVisible();
  const items = await db.reviewItem.findMany({ where: { campaignId }, include: { identity: true } });
  expect(items).toHaveLength(expected);
  expect(items.every((i) => i.reviewerId === dana.id && i.status === "PENDING")).toBe(true);
  await mailTo("dana.data@acme.test", new RegExp(`Subject: ${expected} machine identit(y|ies) to review in`));

  // A straggler: the manager chases it with "Remind now"; the reminder's one-click link opens the item.
  const late = items[0]!;
  await db.reviewItem.update({ where: { id: late.id }, data: { dueAt: new Date(Date.now() - 86_400_000) } });
  await manager.reload();
  await manager.getByRole("button", { name: `Remind Dana Data about ${late.identity.name}` }).click();
  await expect(manager.getByRole("button", { name: `Remind Dana Data about ${late.identity.name}` })).toHaveText("Reminder queued");
  const reminder = await mailTo("dana.data@acme.test", /Subject: Reminder: 1 review waiting \(1 overdue\)/);
  const link = reminder.text.match(/http:\/\/127\.0\.0\.1:\d+\/r\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/)?.[0];
  expect(link).toBeDefined();

  const owner = await browser.newPage();
  await signInAs(owner, "dana.data@acme.test");
  await owner.goto(link!);
  await expect(owner).toHaveURL(new RegExp(`/reviews/${late.id}$`));
  await expect(owner.getByRole("heading", { level: 1, name: late.identity.name })).toBeVisible();
  await owner.getByRole("group", { name: "Decision" }).getByRole("button", { name: "Keep" }).click();
  await expect(owner.getByRole("status").filter({ hasText: `Kept ${late.identity.name}` })).toBeVisible();
  // Single use: the same link again explains itself instead of opening anything.
  await owner.goto(link!);
  await expect(owner).toHaveURL(/\/r\/invalid\?reason=used/);

  // The manager sees the progress, then closes with a sign-off statement.
  await manager.reload();
  await expect(manager.getByTestId("progress-decided")).toHaveText("1");
  const statement = "Owners reviewed their machine identities; unanswered items roll into the next quarter.";
  await manager.getByLabel("Sign-off statement").fill(statement);
  await manager.getByRole("button", { name: "Close and sign off" }).click();
  const signOff = manager.getByTestId("sign-off");
  await expect(signOff).toContainText("Signed off by Chris Compliance");
  await expect(signOff).toContainText(statement);
  await expect(manager.getByRole("button", { name: "Close and sign off" })).toHaveCount(0);
  await mailTo(DEMO.complianceManager, /Subject: .* is closed and signed off/);
  const closed = await db.campaign.findUniqueOrThrow({ where: { id: campaignId } });
  expect(closed).toMatchObject({ status: "CLOSED", signOffStatement: statement });
  expect(await db.reviewItem.count({ where: { campaignId, status: "EXPIRED" } })).toBe(expected - 1);

  // An auditor reads the campaign but gets no buttons, and the server refuses their mutations anyway.
  const auditor = await browser.newPage();
  await signInAs(auditor, DEMO.auditor);
  await auditor.goto(`/campaigns/${campaignId}`);
  await expect(auditor.getByTestId("sign-off")).toContainText(statement);
  for (const label of [/Close and sign off/, /Remind/, /Launch campaign/, /Keep/, /Revoke/]) await expect(auditor.getByRole("button", { name: label })).toHaveCount(0);
  expect((await auditor.request.post(`/api/v1/campaigns/${campaignId}/close`, { data: { statement } })).status()).toBe(403);
  expect((await auditor.request.post("/api/v1/reviews/decisions", { data: { itemId: items[1]!.id, decision: "ATTEST" } })).status()).toBe(403);
  const open = await db.reviewItem.findFirstOrThrow({ where: { reviewerId: dana.id, status: "PENDING" } });
  expect((await owner.request.post("/api/v1/reviews/decisions", { data: { itemId: open.id, decision: "MAYBE" } })).status()).toBe(422);
});
