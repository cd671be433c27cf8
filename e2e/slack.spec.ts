import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { expect, test, type APIRequestContext } from "./fixtures";
import { createCampaign, createIdentity, createReviewItem, createSource, createUser, createWorkspace } from "../prisma/factories";
import { db } from "./db";
import { signInAs } from "./sign-in";
import { SlackStandIn } from "./slack-stand-in";
import { appHomeOpened, buttonClick, commandRequest, eventRequest, interactive, overflowChoice, slashCommand, viewSubmission, type SignedRequest } from "./slack-payloads";

// The owner's journey in Slack against the built app: the app's Web API calls go to a stand-in on
// port 3299 (playwright.config.ts gives the app SLACK_API_URL), slow work runs in a worker started
// here, and every request this spec sends is signed and shaped as Slack sends it.
test.describe.configure({ mode: "serial" });

const appEnv = () => test.info().config.webServer?.env ?? {};
let standIn: SlackStandIn;
let worker: ChildProcess | undefined;
let world: { wsId: string; owner: { id: string; email: string }; ownerSlack: string; colleagueSlack: string; itemIds: string[]; channel: string };

const send = (request: APIRequestContext, signed: SignedRequest, headers: Record<string, string> = {}) =>
  request.post("/api/slack/events", { headers: { ...signed.headers, ...headers }, data: signed.body });

async function eventually<T>(read: () => Promise<T | null | undefined | false>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The DM that lists the item, as the stand-in holds it now. */
function messageWith(itemId: string) {
  return [...standIn.messages.values()].find((m) => JSON.stringify(m.blocks).includes(`act:${itemId}`) || JSON.stringify(m.blocks).includes(`done:${itemId}`));
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  standIn = await new SlackStandIn(appEnv().SLACK_BOT_TOKEN).start(3299);
  const tsx = createRequire(import.meta.url).resolve("tsx/cli");
  worker = spawn(process.execPath, [tsx, "scripts/worker.ts"], { env: { ...process.env, ...appEnv(), DATABASE_URL: process.env.DATABASE_URL }, stdio: ["ignore", "inherit", "inherit"] });
  // The worker creates the queues the app sends to; wait for them before Slack asks for anything.
  await eventually(async () => {
    // Until pg-boss has created its schema the table does not exist: keep waiting.
    const rows = await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM pgboss.queue WHERE name IN ('slack.send-digest', 'slack.refresh-item')`.catch(() => [{ n: BigInt(0) }]);
    return Number(rows[0]!.n) === 2;
  }, "the worker's queues", 60_000);

  const tag = Date.now().toString(36);
  const ws = await createWorkspace(db, { name: "Slack E2E Ltd" });
  const owner = await createUser(db, ws.id, { name: "Ana Owner", email: `ana.${tag}@slack-e2e.test` });
  const colleague = await createUser(db, ws.id, { name: "Bo Colleague", email: `bo.${tag}@slack-e2e.test` });
  const ownerSlack = `UANA${tag.toUpperCase()}`;
  const colleagueSlack = `UBO${tag.toUpperCase()}`;
  standIn.addUser({ id: ownerSlack, email: owner.email, name: "ana" });
  standIn.addUser({ id: colleagueSlack, email: colleague.email, name: "bo" });
  const source = await createSource(db, ws.id, { name: "aws-prod", kind: "AWS" });
  const campaign = await createCampaign(db, ws.id, { name: "Q2 machine identities" });
  const itemIds: string[] = [];
  for (let i = 0; i < 25; i++) {
    const identity = await createIdentity(db, ws.id, { sourceId: source.id, ownerId: owner.id, name: `svc-e2e-${i}`, entitlements: [{ name: "s3:GetObject" }, { name: "iam:PassRole", privileged: true }] });
    itemIds.push((await createReviewItem(db, ws.id, { campaignId: campaign.id, identityId: identity.id, reviewerId: owner.id, dueAt: new Date(Date.now() + (7 + i / 100) * 86_400_000) })).id);
  }
  world = { wsId: ws.id, owner, ownerSlack, colleagueSlack, itemIds, channel: `D${ownerSlack.slice(1)}` };
});

test.afterAll(async () => {
  worker?.kill("SIGTERM");
  await standIn?.stop();
});

const secret = () => appEnv().SLACK_SIGNING_SECRET!;
const click = (user: string, itemId: string, actionId = "review.keep") => {
  const message = messageWith(itemId)!;
  return buttonClick({ user: { id: user }, channel: message.channel, messageTs: message.ts, actionId, blockId: `act:${itemId}`, value: itemId, triggerId: standIn.triggerId() });
};

test("an owner with 25 pending items asks for a digest and gets 3 DMs, not 25", async ({ request }) => {
  const res = await send(request, commandRequest(secret(), slashCommand({ user: { id: world.ownerSlack }, text: "digest", triggerId: standIn.triggerId() })));
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({ response_type: "ephemeral", text: expect.stringContaining("On its way") });
  await eventually(async () => (await db.slackMessage.count({ where: { userId: world.owner.id } })) === 3, "3 stored DMs");
  const posts = standIn.callsTo("chat.postMessage").filter((c) => c.args.channel === world.channel);
  expect(posts).toHaveLength(3);
  const rows = await db.slackMessage.findMany({ where: { userId: world.owner.id }, orderBy: { createdAt: "asc" } });
  expect(rows.map((r) => r.itemIds.length)).toEqual([10, 10, 5]);
  expect(new Set(rows.flatMap((r) => r.itemIds))).toEqual(new Set(world.itemIds));
});

test("Keep records a SLACK decision and updates the message in place; a repeat or a retry decides nothing more", async ({ request }) => {
  const itemId = world.itemIds[0]!;
  const signed = interactive(secret(), click(world.ownerSlack, itemId));
  const started = Date.now();
  const res = await send(request, signed);
  expect(res.status()).toBe(200);
  expect(Date.now() - started).toBeLessThan(3000);
  const decision = await eventually(() => db.decision.findUnique({ where: { itemId } }), "the decision");
  expect(decision).toMatchObject({ kind: "ATTEST", channel: "SLACK", deciderId: world.owner.id });
  const update = await standIn.waitForCall("chat.update", (c) => JSON.stringify(c.args.blocks).includes(`done:${itemId}`));
  expect(JSON.stringify(update.args.blocks)).toContain(`✅ Kept by <@${world.ownerSlack}>`);

  await send(request, signed);
  await send(request, signed, { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" });
  await standIn.waitForCall("chat.postEphemeral", (c) => c.args.text === "This review was already answered.");
  expect(await db.decision.count({ where: { itemId } })).toBe(1);
});

test("a forged signature is refused with 401; another person's click is refused in Slack; neither decides", async ({ request }) => {
  const itemId = world.itemIds[1]!;
  expect((await send(request, interactive("forged-secret", click(world.ownerSlack, itemId)))).status()).toBe(401);
  expect((await send(request, interactive(secret(), click(world.colleagueSlack, itemId)))).status()).toBe(200);
  await standIn.waitForCall("chat.postEphemeral", (c) => c.args.user === world.colleagueSlack && c.args.text === "Only the assigned reviewer or their delegate can decide this review.");
  expect(await db.decision.count({ where: { itemId } })).toBe(0);
});

test("Exception: a date beyond the policy is a field error; corrected, it is decided", async ({ request }) => {
  const itemId = world.itemIds[2]!;
  const message = messageWith(itemId)!;
  const triggerId = standIn.triggerId();
  await send(request, interactive(secret(), overflowChoice({ user: { id: world.ownerSlack }, channel: message.channel, messageTs: message.ts, blockId: `item:${itemId}`, value: `EXCEPTION:${itemId}`, label: "Exception…", triggerId })));
  const opened = await standIn.waitForCall("views.open", (c) => c.args.trigger_id === triggerId);
  const view = opened.args.view as Record<string, unknown>;
  const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
  const values = (date: string) => ({ justification: { value: { type: "plain_text_input", value: "Migration to the new vendor ends in May" } }, exception_until: { value: { type: "datepicker", selected_date: date } } });

  const refused = await send(request, interactive(secret(), viewSubmission({ user: { id: world.ownerSlack }, view, values: values(day(120)), triggerId: standIn.triggerId() })));
  expect(await refused.json()).toEqual({ response_action: "errors", errors: { exception_until: expect.stringContaining("Exceptions may last at most 90 days") } });
  expect(await db.decision.count({ where: { itemId } })).toBe(0);

  const accepted = await send(request, interactive(secret(), viewSubmission({ user: { id: world.ownerSlack }, view, values: values(day(45)), triggerId: standIn.triggerId() })));
  expect(accepted.status()).toBe(200);
  expect(await accepted.text()).toBe("");
  expect(await db.decision.findUnique({ where: { itemId } })).toMatchObject({ kind: "EXCEPTION", channel: "SLACK" });
  await standIn.waitForCall("chat.update", (c) => JSON.stringify(c.args.blocks).includes(`done:${itemId}`));
});

// decide() queues slack.refresh-item in its transaction when a stored Slack message lists the item;
// the worker re-renders that message (issue 6, "a decision on the web updates the Slack message").
test("a decision made on the web updates the Slack message", async ({ page }) => {
  const itemId = world.itemIds[3]!;
  await signInAs(page, world.owner.email);
  await page.goto(`/reviews/${itemId}`);
  await page.getByRole("group", { name: "Decision" }).getByRole("button", { name: "Revoke" }).click();
  await eventually(() => db.decision.findUnique({ where: { itemId } }), "the web decision");
  const update = await standIn.waitForCall("chat.update", (c) => JSON.stringify(c.args.blocks).includes(`done:${itemId}`), 30_000);
  expect(JSON.stringify(update.args.blocks)).toContain("🔴 Revoked by");
  expect(JSON.stringify(update.args.blocks)).toContain("on the web");
});

test("App Home lists the pending reviews; /rollcall answers ephemerally", async ({ request }) => {
  expect((await send(request, eventRequest(secret(), appHomeOpened({ user: { id: world.ownerSlack } })))).status()).toBe(200);
  const publish = await standIn.waitForCall("views.publish", (c) => c.args.user_id === world.ownerSlack);
  expect(JSON.stringify(publish.args.view)).toContain("pending*");
  const list = await send(request, commandRequest(secret(), slashCommand({ user: { id: world.ownerSlack }, triggerId: standIn.triggerId() })));
  expect(await list.json()).toMatchObject({ response_type: "ephemeral", text: expect.stringMatching(/^You have \d+ pending access reviews\.$/) });
});

test("a person sets how they are notified on the web (Notifications), with the same choices as Slack's App Home", async ({ page }) => {
  await signInAs(page, world.owner.email);
  await page.goto("/reviews");
  await page.getByRole("link", { name: "Notifications" }).click();
  await expect(page.getByRole("heading", { name: "Notifications" })).toBeVisible();
  await expect(page.getByTestId("slack-link-state")).toHaveText("Your Slack account is linked.");
  await expect(page.getByRole("radio", { name: /Slack and email/ })).toBeChecked();
  await page.getByRole("radio", { name: /Slack only/ }).check();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status")).toHaveText("Saved: slack only.");
  expect((await db.user.findUniqueOrThrow({ where: { id: world.owner.id } })).notifyVia).toBe("SLACK");
  const audit = await db.auditEvent.findFirstOrThrow({ where: { workspaceId: world.wsId, action: "user.notify-preference-changed", subjectId: world.owner.id } });
  expect(audit.data).toMatchObject({ notifyVia: "SLACK" });
  await page.reload();
  await expect(page.getByRole("radio", { name: /Slack only/ })).toBeChecked();
});
