import { describe, expect, it } from "vitest";
import { emptyBaseline } from "@/lib/events/baseline";
import { apiVolumeSpike, dormant, environmentMismatch, humanUse, newRegion, newSourceIp, newUserAgent, reactivated, tokenSpike } from "@/lib/triggers/rules/behaviour-triggers";
import { NOW, daysAgo, event, history, identity } from "@/lib/triggers/rules/test-fixtures";

const learning = { learningDays: 7 };

describe("dormant: “ci-deployer has not been used for 142 days (threshold: 90).”", () => {
  it.each([
    [identity({ lastUsedAt: daysAgo(142) }), "ci-deployer has not been used for 142 days (threshold: 90)."],
    [identity({ lastUsedAt: null, firstSeenAt: daysAgo(120) }), "ci-deployer has never been used in the 120 days since it was first seen (threshold: 90)."],
    [identity({ lastUsedAt: daysAgo(30) }), null],
  ])("%#: %s", (idn, sentence) => expect(dormant(idn, NOW, { days: 90 })?.sentence ?? null).toBe(sentence));
});

describe("reactivated: “ci-deployer was used again on … (s3:GetObject from …) after 143 days without use.”", () => {
  it.each([
    [143, "ci-deployer was used again on 2026-03-31 (s3:GetObject from 198.51.100.23) after 143 days without use."],
    [89, null],
  ])("idle %i days", (idle, sentence) => expect(reactivated(identity({ lastUsedAt: daysAgo(idle) }), event(), { dormantDays: 90 })?.sentence ?? null).toBe(sentence));
  it("needs an earlier use to compare with", () => expect(reactivated(identity({ lastUsedAt: null }), event(), { dormantDays: 90 })).toBeNull());
});

describe("new region: “ci-deployer made its first call from region ap-southeast-2 (…); it had used only us-east-1 since ….”", () => {
  it.each([
    ["30 days of history, new region", history(30), "ap-southeast-2", "ci-deployer made its first call from region ap-southeast-2 (ec2:RunInstances from 198.51.100.23); it had used only us-east-1 since 2026-03-01."],
    ["30 days of history, known region", history(30), "us-east-1", null],
    ["still learning (3 days of history)", history(3), "ap-southeast-2", null],
    ["no history at all", emptyBaseline(), "ap-southeast-2", null],
  ])("%s", (_, b, region, sentence) => {
    expect(newRegion(identity(), b, event({ action: "ec2:RunInstances", region }), learning)?.sentence ?? null).toBe(sentence);
  });
});

describe("new IP range: “ci-deployer was used from 203.0.113.7, a network (203.0.113.0/24) it had not used since …”", () => {
  it.each([
    ["203.0.113.7", "ci-deployer was used from 203.0.113.7, a network (203.0.113.0/24) it had not used since 2026-03-01; it used only 198.51.100.0/24 (s3:GetObject)."],
    ["198.51.100.99", null],
    ["ec2.amazonaws.com", null],
  ])("%s", (ip, sentence) => expect(newSourceIp(identity(), history(30), event({ sourceIp: ip }), learning)?.sentence ?? null).toBe(sentence));
});

describe("new user-agent family: “ci-deployer was used by a new kind of client, curl (curl/8.4.0); before, it used only Boto3.”", () => {
  it.each([
    ["curl/8.4.0", "ci-deployer was used by a new kind of client, curl (curl/8.4.0); before, it used only Boto3."],
    ["Boto3/1.35.9 md/Botocore#1.35.9", null],
  ])("%s", (ua, sentence) => expect(newUserAgent(identity(), history(10), event({ userAgent: ua }), learning)?.sentence ?? null).toBe(sentence));
});

describe("token-issuance spike: “ci-deployer requested 412 tokens today; its 30-day median is 9.”", () => {
  const b = history(30, 1, 9);
  it.each([
    ["crosses 10× the median", 90, "ci-deployer requested 90 tokens today; its 30-day median is 9."],
    ["already past the threshold (fired once at the crossing)", 412, null],
    ["below 10× the median", 50, null],
  ])("%s", (_, todayCount, sentence) => {
    expect(tokenSpike(identity(), b, event({ kind: "TOKEN_ISSUED" }), { todayCount, now: NOW }, { factor: 10, minimum: 50, ...learning })?.sentence ?? null).toBe(sentence);
  });
  it("never fires below the floor, however quiet the identity was", () => {
    const quiet = history(30, 1, 0);
    expect(tokenSpike(identity(), quiet, event(), { todayCount: 49, now: NOW }, { factor: 10, minimum: 50, ...learning })).toBeNull();
    expect(tokenSpike(identity(), quiet, event(), { todayCount: 50, now: NOW }, { factor: 10, minimum: 50, ...learning })?.sentence).toBe("ci-deployer requested 50 tokens today; its 30-day median is 0.");
  });
  it("names the day when the spike is not today", () => {
    expect(tokenSpike(identity(), b, event({ occurredAt: daysAgo(0, new Date("2026-03-31T01:00:00Z")) }), { todayCount: 90, now: new Date("2026-04-02T00:00:00Z") }, { factor: 10, minimum: 50, ...learning })?.sentence).toBe("ci-deployer requested 90 tokens on 2026-03-31; its 30-day median is 9.");
  });
});

describe("API-volume spike: “ci-deployer made 25,000 API calls today; its 30-day median is 1,200.”", () => {
  it.each([
    [12_000, "ci-deployer made 12,000 API calls today; its 30-day median is 1,200."],
    [11_999, null],
  ])("%i calls", (todayCount, sentence) => {
    expect(apiVolumeSpike(identity(), history(30, 1200), event(), { todayCount, now: NOW }, { factor: 10, minimum: 1000, ...learning })?.sentence ?? null).toBe(sentence);
  });
});

describe("human use: “ci-deployer signed in interactively (signin:ConsoleLogin from …): a machine identity used by a person.”", () => {
  it.each([
    [event({ kind: "INTERACTIVE_LOGIN", action: "signin:ConsoleLogin", sourceIp: "192.0.2.44" }), "ci-deployer signed in interactively (signin:ConsoleLogin from 192.0.2.44) on 2026-03-31: a machine identity used by a person.", "HIGH"],
    [event({ userAgent: "Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/121.0.0.0 Safari/537.36" }), "ci-deployer was used from a web browser, browser (Chrome) (s3:GetObject from 198.51.100.23) on 2026-03-31: a machine identity used by a person.", "HIGH"],
    [event({ userAgent: "aws-cli/2.15.10" }), null, null],
  ])("%#", (e, sentence, severity) => {
    const f = humanUse(identity(), e);
    expect([f?.sentence ?? null, f?.severity ?? null]).toEqual([sentence, severity]);
  });
});

describe("use outside the declared environment: “search-indexer is declared for staging but was used in prod (…).”", () => {
  it.each([
    ["staging", event({ context: "payments-prod", action: "get secrets" }), "search-indexer is declared for staging but was used in prod (get secrets on payments-prod).", "HIGH"],
    ["prod", event({ environment: "dev", action: "warehouse.query" }), "search-indexer is declared for prod but was used in dev (warehouse.query on dev).", "MEDIUM"],
    ["staging", event({ context: "111122223333", target: "arn:aws:s3:::acme-prod-artifacts/x" }), "search-indexer is declared for staging but was used in prod (s3:GetObject on arn:aws:s3:::acme-prod-artifacts/x).", "HIGH"],
    ["staging", event({ context: "search-staging" }), null, null],
    [null, event({ context: "payments-prod" }), null, null],
  ])("declared %s, %#", (environment, e, sentence, severity) => {
    const f = environmentMismatch(identity({ name: "search-indexer", environment }), e);
    expect([f?.sentence ?? null, f?.severity ?? null]).toEqual([sentence, severity]);
  });
});
