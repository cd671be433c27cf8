import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getSlackApp } from "@/lib/slack/app";
import { MAX_SLACK_BODY_BYTES, slackNodeReceiver } from "@/lib/slack/node-receiver";
import { SIGNING_SECRET, ownerWorld, pendingItems, slackStandInForFile } from "@/lib/slack/test-setup";
import { buttonClick, eventRequest, interactive, urlVerification, type SignedRequest } from "@/e2e/slack-payloads";

// The Slack Request URL as the production web server answers it (scripts/web-server.ts): over real
// HTTP, through Node's server, without Next.js.
const standIn = await slackStandInForFile();
const receiver = slackNodeReceiver(getSlackApp, { "X-Content-Type-Options": "nosniff" });
const server = http.createServer((req, res) => void receiver.handle(req, res));
let base = "";

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function post(request: SignedRequest, body = request.body) {
  const res = await fetch(`${base}/api/slack/events`, { method: "POST", headers: request.headers, body });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

describe("Slack endpoint on Node's HTTP server", () => {
  it("answers url_verification with the challenge, with the hardening headers and no caching", async () => {
    const res = await post(eventRequest(SIGNING_SECRET, urlVerification("chal-123")));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ challenge: "chal-123" });
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("cache-control")).toBe("no-store, no-transform");
  });

  it("acks a Keep at once and decides it after the response; drain() waits for that work", async () => {
    const w = await ownerWorld(standIn);
    const [item] = await pendingItems(w, w.owner.id, 1);
    const click = buttonClick({ user: { id: w.slackId }, channel: "D0ANA", messageTs: "1700000000.000100", actionId: "review.keep", blockId: `act:${item!.id}`, value: item!.id, text: "Keep", triggerId: standIn.triggerId() });
    const res = await post(interactive(SIGNING_SECRET, click));
    expect(res).toMatchObject({ status: 200, text: "" });
    await receiver.drain();
    expect(receiver.pending()).toBe(0);
    expect(await db.decision.findUniqueOrThrow({ where: { itemId: item!.id } })).toMatchObject({ channel: "SLACK", deciderId: w.owner.id, kind: "ATTEST" });
  });

  it("refuses a forged signature with 401 and a tampered body the same way, deciding nothing", async () => {
    const w = await ownerWorld(standIn);
    const [item] = await pendingItems(w, w.owner.id, 1);
    const click = buttonClick({ user: { id: w.slackId }, channel: "D0ANA", messageTs: "1700000000.000200", actionId: "review.keep", blockId: `act:${item!.id}`, value: item!.id, text: "Keep", triggerId: standIn.triggerId() });
    const forged = await post(interactive("not-the-signing-secret", click));
    expect(forged.status).toBe(401);
    expect(JSON.parse(forged.text).error.message).toMatch(/signature/);
    const signed = interactive(SIGNING_SECRET, click);
    expect((await post(signed, signed.body.replace("review.keep", "review.keeq"))).status).toBe(401);
    await receiver.drain();
    expect(await db.decision.count({ where: { itemId: item!.id } })).toBe(0);
  });

  it("refuses a body over the limit with 413 before reading the rest", async () => {
    const huge = eventRequest(SIGNING_SECRET, { type: "url_verification", challenge: "x".repeat(MAX_SLACK_BODY_BYTES + 10) });
    const res = await post(huge);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.text).error.code).toBe("PAYLOAD_TOO_LARGE");
  });
});
