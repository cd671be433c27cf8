// Shared by the Slack db tests: a stand-in Slack on a random port, the env pointing at it, and a
// workspace with an owner whose Slack account the stand-in knows. Not a test file itself.
import { afterAll, beforeAll, beforeEach } from "vitest";
import { db } from "@/lib/db";
import { ensureQueues } from "@/lib/jobs/run-worker";
import { resetSlackConfigForTests } from "@/lib/slack/config";
import { resetSlackClientForTests } from "@/lib/slack/client";
import { getSlackApp, resetSlackAppForTests } from "@/lib/slack/app";
import { handleSlackHttp } from "@/lib/slack/http-handler";
import { getBoss } from "@/lib/jobs/boss";
import { slackClickJob } from "@/lib/slack/jobs";
import { jobsByName, type JobName } from "@/lib/jobs/registry";
import type { SignedRequest } from "@/e2e/slack-payloads";
import { SlackStandIn } from "@/e2e/slack-stand-in";
import { createCampaign, createIdentity, createReviewItem, createSource, createUser, createWorkspace } from "@/prisma/factories";

export const SIGNING_SECRET = "db-test-signing-secret-0123456789";
export const BOT_TOKEN = "xoxb-db-test";

export async function startSlackStandIn(): Promise<SlackStandIn> {
  const standIn = await new SlackStandIn(BOT_TOKEN).start(0);
  process.env.SLACK_SIGNING_SECRET = SIGNING_SECRET;
  process.env.SLACK_BOT_TOKEN = BOT_TOKEN;
  process.env.SLACK_API_URL = standIn.url;
  process.env.ROLLCALL_BASE_URL = "https://rollcall.test";
  resetSlackConfigForTests();
  resetSlackClientForTests();
  resetSlackAppForTests();
  return standIn;
}

/**
 * The stand-in for one test file: started at once (so tests use it directly), emptied before each
 * test and stopped after the file; the job queues are created first unless `queues` is false.
 */
export async function slackStandInForFile({ queues = true } = {}): Promise<SlackStandIn> {
  const standIn = await startSlackStandIn();
  if (queues) beforeAll(() => ensureQueues());
  afterAll(() => standIn.stop());
  beforeEach(() => standIn.reset());
  return standIn;
}

let n = 0;
/** A workspace, an owner known to Slack, a source and an active campaign. */
export async function ownerWorld(standIn: SlackStandIn, name = "Ana") {
  const ws = await createWorkspace(db);
  const tag = `${Date.now().toString(36)}${++n}`;
  const owner = await createUser(db, ws.id, { name, email: `${name.toLowerCase()}-${tag}@acme.test` });
  const slackId = `U${tag.toUpperCase()}`;
  standIn.addUser({ id: slackId, email: owner.email, name });
  const source = await createSource(db, ws.id, { name: `aws-${tag}` });
  const campaign = await createCampaign(db, ws.id, { name: "Q1 machine identities" });
  return { ws, owner, slackId, source, campaign };
}

/** `count` pending items for the reviewer, each on its own identity with two entitlements. */
export async function pendingItems(world: { ws: { id: string }; source: { id: string }; campaign: { id: string } }, reviewerId: string, count: number, dueInDays = 7) {
  const items = [];
  for (let i = 0; i < count; i++) {
    const identity = await createIdentity(db, world.ws.id, {
      sourceId: world.source.id,
      ownerId: reviewerId,
      name: `svc-${i}-${Math.random().toString(36).slice(2, 7)}`,
      entitlements: [{ name: "s3:GetObject", resource: "arn:aws:s3:::logs/*" }, { name: "iam:PassRole", privileged: true }],
    });
    items.push(await createReviewItem(db, world.ws.id, { campaignId: world.campaign.id, identityId: identity.id, reviewerId, dueAt: new Date(Date.now() + (dueInDays + i / 100) * 86_400_000) }));
  }
  return items;
}

/** Does what the worker would: runs the queued slack.click jobs (decisions of Keep clicks) now. */
export async function runQueuedSlackClicks(): Promise<number> {
  const boss = await getBoss();
  let ran = 0;
  for (;;) {
    const jobs = await boss.fetch<unknown>(slackClickJob.name, { batchSize: 100 });
    if (!jobs.length) return ran;
    for (const job of jobs) {
      await slackClickJob.handle(slackClickJob.input.parse(job.data));
      ran++;
    }
    await boss.complete(slackClickJob.name, jobs.map((j) => j.id));
  }
}

/** Does what the worker would for the named queues: runs every job waiting in them now, in order. Returns how many ran. */
export async function runQueuedJobs(...names: JobName[]): Promise<number> {
  const boss = await getBoss();
  let ran = 0;
  for (const name of names) {
    const job = jobsByName[name] as { input: { parse(data: unknown): unknown }; handle(input: unknown): Promise<void> };
    // Debounced jobs wait for the end of their window; here they are due now.
    await db.$executeRaw`UPDATE pgboss.job SET start_after = now() WHERE name = ${name} AND state = 'created' AND start_after > now()`;
    for (;;) {
      const batch = await boss.fetch<unknown>(name, { batchSize: 100 });
      if (!batch.length) break;
      for (const queued of batch) {
        await job.handle(job.input.parse(queued.data ?? {}));
        ran++;
      }
      await boss.complete(name, batch.map((j) => j.id));
    }
  }
  return ran;
}

/**
 * POSTs a signed request through the route's handler; resolves once the work after the ack is done,
 * including the slack.click jobs it queued (run here in place of the worker).
 */
export async function postToSlack(request: SignedRequest, extraHeaders: Record<string, string> = {}) {
  const pending: Promise<unknown>[] = [];
  const started = performance.now();
  const response = await handleSlackHttp(
    new Request("http://localhost/api/slack/events", { method: "POST", headers: { ...request.headers, ...extraHeaders }, body: request.body }),
    getSlackApp,
    (work) => pending.push(work),
  );
  const ackMs = performance.now() - started;
  await Promise.all(pending);
  await runQueuedSlackClicks();
  const text = await response.text();
  return { status: response.status, text, json: text ? (JSON.parse(text) as Record<string, unknown>) : null, ackMs };
}
