// Reliability: 500 decision attempts at once on one campaign, through every entry point — the web
// action's command, the REST route handler (real API key) and signed Slack clicks through the Slack
// endpoint's handler (double clicks and Slack's retried deliveries included). Several attempts hit
// each item; exactly one may win, and the audit chain must still verify.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { UserActor } from "@/lib/authz/actor";
import { DomainError } from "@/lib/errors";
import { verifyAuditChain } from "@/lib/audit/verify-chain";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { ensureQueues } from "@/lib/jobs/run-worker";
import { decide } from "@/lib/reviews/decide";
import { decideInput } from "@/lib/reviews/schema";
import { SIGNING_SECRET, postToSlack, startSlackStandIn } from "@/lib/slack/test-setup";
import { buttonClick, interactive } from "@/e2e/slack-payloads";
import type { SlackStandIn } from "@/e2e/slack-stand-in";
import { POST as restDecide } from "@/app/api/v1/reviews/decisions/route";
import { createCampaign, createIdentity, createReviewItem, createSource, createUser, createWorkspace } from "@/prisma/factories";

const ITEMS = 100;
const REVIEWERS = 5;

let standIn: SlackStandIn;
beforeAll(async () => {
  standIn = await startSlackStandIn();
  await ensureQueues();
});
afterAll(() => standIn.stop());

type Outcome = { via: "web" | "rest" | "slack"; itemId: string; result: string };

function shuffle<T>(list: T[]): T[] {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
}

describe("concurrent decisions", () => {
  it("500 attempts across web, REST and Slack: one decision and one audit event per item, losers told ALREADY_DECIDED, chain verifies", async () => {
    const ws = await createWorkspace(db);
    const admin = await createUser(db, ws.id, { role: "ADMIN" });
    const adminActor: UserActor = { type: "USER", workspaceId: ws.id, userId: admin.id, role: "ADMIN", label: admin.email };
    const key = await createApiKey(adminActor, { name: "reliability", scopes: ["reviews:read", "reviews:decide"], expiresInDays: null });
    const source = await createSource(db, ws.id);
    const campaign = await createCampaign(db, ws.id);
    const reviewers: { user: { id: string; email: string; name: string | null }; slackId: string; actor: UserActor }[] = [];
    for (let r = 0; r < REVIEWERS; r++) {
      const user = await createUser(db, ws.id, { role: "MEMBER", name: `Reviewer ${r}` });
      const slackId = `UREL${r}${Date.now().toString(36).toUpperCase()}`;
      standIn.addUser({ id: slackId, email: user.email, name: user.name });
      await db.user.update({ where: { id: user.id }, data: { slackUserId: slackId } });
      reviewers.push({ user, slackId, actor: { type: "USER", workspaceId: ws.id, userId: user.id, role: "MEMBER", label: user.email } as UserActor });
    }
    const items: { id: string; reviewer: (typeof reviewers)[number] }[] = [];
    for (let from = 0; from < ITEMS; from += 10) {
      items.push(...await Promise.all(Array.from({ length: 10 }, async (_, j) => {
        const reviewer = reviewers[(from + j) % REVIEWERS]!;
        const identity = await createIdentity(db, ws.id, { sourceId: source.id, ownerId: reviewer.user.id, name: `svc-rel-${from + j}` });
        const item = await createReviewItem(db, ws.id, { campaignId: campaign.id, identityId: identity.id, reviewerId: reviewer.user.id });
        return { id: item.id, reviewer };
      })));
    }
    const auditBefore = await db.auditEvent.count({ where: { workspaceId: ws.id } });

    // The web server action's handler: the shared schema, then the shared command with channel WEB.
    const web = (k: number) => async (): Promise<Outcome> => {
      const { id, reviewer } = items[k]!;
      try {
        await decide(reviewer.actor, decideInput.parse({ itemId: id, decision: "ATTEST" }), "WEB");
        return { via: "web", itemId: id, result: "decided" };
      } catch (error) {
        return { via: "web", itemId: id, result: error instanceof DomainError ? error.code : `error: ${String(error)}` };
      }
    };
    // The REST route handler, in-process, with the real key in the Authorization header.
    const rest = (k: number) => async (): Promise<Outcome> => {
      const { id } = items[k]!;
      const response = await restDecide(
        new Request("http://localhost/api/v1/reviews/decisions", { method: "POST", headers: { authorization: `Bearer ${key.secret}`, "content-type": "application/json" }, body: JSON.stringify({ itemId: id, decision: "ATTEST" }) }),
        { params: Promise.resolve({}) },
      );
      const body = (await response.json()) as { error?: { code: string } };
      return { via: "rest", itemId: id, result: `${response.status} ${body.error?.code ?? "created"}` };
    };
    // A signed block_actions click on Keep, posted to the Slack endpoint's handler.
    const click = (k: number) => {
      const { id, reviewer } = items[k]!;
      return interactive(SIGNING_SECRET, buttonClick({ user: { id: reviewer.slackId }, channel: `D${reviewer.slackId}`, messageTs: `1700000000.${String(k).padStart(6, "0")}`, actionId: "review.keep", blockId: `act:${id}`, value: id, text: "Keep", triggerId: standIn.triggerId() }));
    };
    const slack = (k: number, request = click(k), headers: Record<string, string> = {}) => async (): Promise<Outcome> => {
      const res = await postToSlack(request, headers);
      return { via: "slack", itemId: items[k]!.id, result: String(res.status) };
    };

    const attempts: (() => Promise<Outcome>)[] = [];
    let slackFirstDeliveries = 0;
    // Five attempts on every item: the web form submitted twice, a REST call, a signed Slack click and
    // either a double click (a second, separately signed click; items 0-49) or Slack redelivering the
    // very same request with x-slack-retry-num (items 50-99).
    for (let k = 0; k < ITEMS; k++) {
      attempts.push(web(k), web(k), rest(k));
      const request = click(k);
      attempts.push(slack(k, request));
      slackFirstDeliveries++;
      if (k < 50) {
        attempts.push(slack(k));
        slackFirstDeliveries++;
      } else attempts.push(slack(k, request, { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" }));
    }
    expect(attempts).toHaveLength(500);

    // All at once, each after a random pause of up to 300 ms so the channels interleave.
    const outcomes = await Promise.all(shuffle(attempts).map(async (attempt) => {
      await new Promise((r) => setTimeout(r, Math.random() * 300));
      return attempt();
    }));

    // Every item: exactly one decision and exactly one review.decided audit event.
    const decisions = await db.decision.findMany({ where: { workspaceId: ws.id }, select: { itemId: true, channel: true, deciderId: true } });
    expect(decisions).toHaveLength(ITEMS);
    expect(new Set(decisions.map((d) => d.itemId)).size).toBe(ITEMS);
    const byItem = new Map(decisions.map((d) => [d.itemId, d]));
    for (const item of items) expect(byItem.get(item.id)?.deciderId).toBe(item.reviewer.user.id);
    const decided = await db.auditEvent.groupBy({ by: ["subjectId"], where: { workspaceId: ws.id, action: "review.decided" }, _count: { _all: true } });
    expect(decided).toHaveLength(ITEMS);
    expect(decided.every((g) => g._count._all === 1)).toBe(true);
    expect(await db.reviewItem.count({ where: { campaignId: campaign.id, status: "DECIDED" } })).toBe(ITEMS);

    // Web losers were told ALREADY_DECIDED and nothing else; the web winners are exactly the WEB decisions.
    const webOutcomes = outcomes.filter((o) => o.via === "web");
    expect(webOutcomes.filter((o) => o.result !== "decided" && o.result !== "ALREADY_DECIDED")).toEqual([]);
    expect(webOutcomes.filter((o) => o.result === "decided")).toHaveLength(decisions.filter((d) => d.channel === "WEB").length);
    // REST with an API key: keys cannot decide (a review is the assigned person's word), so every call is a
    // clean 403 — or 409 once the item is already decided — and no API decision exists.
    const restOutcomes = outcomes.filter((o) => o.via === "rest");
    expect(restOutcomes).toHaveLength(100);
    expect(restOutcomes.filter((o) => o.result !== "403 FORBIDDEN" && o.result !== "409 ALREADY_DECIDED")).toEqual([]);
    expect(decisions.filter((d) => d.channel === "API")).toHaveLength(0);
    // Slack: every delivery acked 200; a losing first delivery or double click got the ephemeral refusal,
    // a losing redelivery stayed quiet, and no other ephemeral text was sent.
    expect(outcomes.filter((o) => o.via === "slack" && o.result !== "200")).toEqual([]);
    const slackWins = decisions.filter((d) => d.channel === "SLACK").length;
    expect(webOutcomes.filter((o) => o.result === "decided").length + slackWins).toBe(ITEMS);
    const ephemerals = standIn.callsTo("chat.postEphemeral").map((c) => String(c.args.text));
    expect(new Set(ephemerals)).toEqual(ephemerals.length ? new Set(["This review was already answered."]) : new Set());
    expect(ephemerals.length).toBeLessThanOrEqual(slackFirstDeliveries);
    expect(ephemerals.length).toBeGreaterThanOrEqual(slackFirstDeliveries - slackWins);

    // The audit chain of the workspace verifies end to end.
    const chain = await verifyAuditChain(ws.id);
    expect(chain).toMatchObject({ ok: true });
    expect(chain.checked).toBeGreaterThanOrEqual(auditBefore + ITEMS);
  }, 120_000);
});
