import { describe, expect, it } from "vitest";
import { verifySlackSignature } from "@/lib/slack/verify-request";
import { slackSignature } from "@/lib/slack/sign-request";

const secret = "8f742231b10e8888abcd99yyyzzz85a5";
const body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&command=%2Frollcall&text=";
const now = 1_700_000_000_000;
const ts = String(now / 1000);

describe("verifySlackSignature", () => {
  it("accepts a body signed with the signing secret within the window", () => {
    expect(verifySlackSignature({ signingSecret: secret, rawBody: body, timestamp: ts, signature: slackSignature(secret, ts, body), nowMs: now })).toEqual({ ok: true });
  });

  it("matches Slack's documented example signature", () => {
    // https://api.slack.com/authentication/verifying-requests-from-slack (example values)
    const exampleBody = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    const exampleTs = "1531420618";
    expect(
      verifySlackSignature({ signingSecret: secret, rawBody: exampleBody, timestamp: exampleTs, nowMs: 1531420618_000,
        signature: "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503" }),
    ).toEqual({ ok: true });
  });

  it("refuses a signature made with another secret", () => {
    expect(verifySlackSignature({ signingSecret: secret, rawBody: body, timestamp: ts, signature: slackSignature("not-the-secret", ts, body), nowMs: now })).toEqual({ ok: false, reason: "bad-signature" });
  });

  it("refuses a stale timestamp even with a correct signature (replay)", () => {
    const old = String(now / 1000 - 5 * 60 - 1);
    expect(verifySlackSignature({ signingSecret: secret, rawBody: body, timestamp: old, signature: slackSignature(secret, old, body), nowMs: now })).toEqual({ ok: false, reason: "stale" });
  });

  it("accepts the edge of the window and refuses a timestamp from the future beyond it", () => {
    const edge = String(now / 1000 - 5 * 60);
    expect(verifySlackSignature({ signingSecret: secret, rawBody: body, timestamp: edge, signature: slackSignature(secret, edge, body), nowMs: now }).ok).toBe(true);
    const future = String(now / 1000 + 5 * 60 + 1);
    expect(verifySlackSignature({ signingSecret: secret, rawBody: body, timestamp: future, signature: slackSignature(secret, future, body), nowMs: now })).toEqual({ ok: false, reason: "stale" });
  });

  it("refuses a tampered body", () => {
    const signature = slackSignature(secret, ts, body);
    expect(verifySlackSignature({ signingSecret: secret, rawBody: body.replace("text=", "text=revoke-all"), timestamp: ts, signature, nowMs: now })).toEqual({ ok: false, reason: "bad-signature" });
  });

  it("refuses a timestamp tampered after signing", () => {
    const signature = slackSignature(secret, ts, body);
    const other = String(now / 1000 - 10);
    expect(verifySlackSignature({ signingSecret: secret, rawBody: body, timestamp: other, signature, nowMs: now })).toEqual({ ok: false, reason: "bad-signature" });
  });

  it.each([
    [null, "v0=abc"],
    ["1700000000", null],
    ["not-a-number", "v0=abc"],
  ])("refuses missing or malformed headers (%s, %s)", (timestamp, signature) => {
    expect(verifySlackSignature({ signingSecret: secret, rawBody: body, timestamp, signature, nowMs: now })).toEqual({ ok: false, reason: "missing-headers" });
  });

  it("refuses an unknown signature version", () => {
    const sig = slackSignature(secret, ts, body).replace(/^v0=/, "v1=");
    expect(verifySlackSignature({ signingSecret: secret, rawBody: body, timestamp: ts, signature: sig, nowMs: now }).ok).toBe(false);
  });
});
