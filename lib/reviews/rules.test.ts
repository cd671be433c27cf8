import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/authz/actor";
import { assertDecisionAllowed, assertMayDecide, bulkKeepSkipReason, decisionTiming, defaultDecision, nextItemStatus, statusesAllowing, type ItemForDecision } from "@/lib/reviews/rules";
import { decideInput } from "@/lib/reviews/schema";

const DAY = 86_400_000;
const now = new Date("2026-11-23T12:00:00Z");
const user = (userId: string): Actor => ({ type: "USER", workspaceId: "wsp_1", userId, role: "MEMBER", label: userId });
const item = (over: Partial<ItemForDecision> = {}): ItemForDecision => ({
  id: "itm_00000000000000000000000000000001", status: "PENDING", reviewerId: "usr_owner", escalatedToId: null, campaignStatus: "ACTIVE", findings: [], entitlementIds: ["ent_a", "ent_b"], ...over,
});
const itemId = "itm_00000000000000000000000000000001";

describe("item state machine", () => {
  it.each([
    ["PENDING", "decide", "DECIDED"],
    ["PENDING", "escalate", "ESCALATED"],
    ["PENDING", "expire", "EXPIRED"],
    ["ESCALATED", "decide", "DECIDED"],
    ["ESCALATED", "escalate", null],
    ["DECIDED", "decide", null],
    ["EXPIRED", "decide", null],
    ["DECIDED", "expire", null],
  ] as const)("%s --%s--> %s", (from, event, to) => {
    expect(nextItemStatus(from, event)).toBe(to);
  });
  it("claims decisions only from open statuses", () => {
    expect(statusesAllowing("decide").sort()).toEqual(["ESCALATED", "PENDING"]);
  });
});

describe("who may decide", () => {
  const delegation = { userId: "usr_owner", delegateId: "usr_deputy", startsAt: new Date(now.getTime() - DAY), endsAt: new Date(now.getTime() + DAY) };
  it.each([
    ["the assigned reviewer", user("usr_owner"), item(), [], true],
    ["someone else", user("usr_other"), item(), [], false],
    ["the person it was escalated to", user("usr_boss"), item({ escalatedToId: "usr_boss" }), [], true],
    ["an active delegate", user("usr_deputy"), item(), [delegation], true],
    ["a delegate after the dates", user("usr_deputy"), item(), [{ ...delegation, endsAt: new Date(now.getTime() - 1) }], false],
    ["the reviewer whose own change is under review", user("usr_owner"), item({ findings: [{ severity: "HIGH", actorUserId: "usr_owner" }] }), [], false],
    ["a delegate who made the change", user("usr_deputy"), item({ findings: [{ severity: "LOW", actorUserId: "usr_deputy" }] }), [delegation], false],
    ["the system (deadline default)", { type: "SYSTEM", workspaceId: "wsp_1", label: "deadline" } as Actor, item(), [], true],
    ["an API key", { type: "API_KEY", workspaceId: "wsp_1", apiKeyId: "key_1", scopes: ["reviews:decide"], label: "k" } as Actor, item(), [], false],
  ] as const)("%s → %s", (_who, actor, it_, delegations, allowed) => {
    const run = () => assertMayDecide(actor, it_, [...delegations], now);
    if (allowed) expect(run).not.toThrow();
    else expect(run).toThrow();
  });
});

describe("decision checks that need the item and the policy", () => {
  const policy = { exceptionMaxDays: 30 };
  it("keeping an item with a HIGH/CRITICAL finding needs a justification; LOW does not", () => {
    const high = item({ findings: [{ severity: "CRITICAL", actorUserId: null }] });
    expect(() => assertDecisionAllowed(high, decideInput.parse({ itemId, decision: "ATTEST" }), policy, now)).toThrow(/say why/);
    expect(() => assertDecisionAllowed(high, decideInput.parse({ itemId, decision: "ATTEST", justification: "expected" }), policy, now)).not.toThrow();
    expect(() => assertDecisionAllowed(item({ findings: [{ severity: "LOW", actorUserId: null }] }), decideInput.parse({ itemId, decision: "ATTEST" }), policy, now)).not.toThrow();
  });
  it("an exception may not outlast the policy maximum", () => {
    const input = (days: number) => ({ itemId, decision: "EXCEPTION" as const, justification: "needed for the migration", exceptionUntil: new Date(now.getTime() + days * DAY) });
    expect(() => assertDecisionAllowed(item(), input(30), policy, now)).not.toThrow();
    expect(() => assertDecisionAllowed(item(), input(31), policy, now)).toThrow(/at most 30 days/);
  });
  it("REDUCE names entitlements on the item, and not all of them", () => {
    expect(() => assertDecisionAllowed(item(), { itemId, decision: "REDUCE", removeEntitlementIds: ["ent_c"] }, policy, now)).toThrow(/not part of this review/);
    expect(() => assertDecisionAllowed(item(), { itemId, decision: "REDUCE", removeEntitlementIds: ["ent_a", "ent_b"] }, policy, now)).toThrow(/Revoke instead/);
    expect(() => assertDecisionAllowed(item(), { itemId, decision: "REDUCE", removeEntitlementIds: ["ent_a"] }, policy, now)).not.toThrow();
  });
  it("closed campaigns and answered items refuse", () => {
    expect(() => assertDecisionAllowed(item({ campaignStatus: "CLOSED" }), { itemId, decision: "ATTEST" }, policy, now)).toThrow(/closed/);
    expect(() => assertDecisionAllowed(item({ status: "DECIDED" }), { itemId, decision: "ATTEST" }, policy, now)).toThrow(/already answered/);
  });
});

describe("decideInput (one schema for web, API and Slack)", () => {
  const base = { itemId: "itm_0123456789abcdef0123456789abcdef" };
  const fields = (raw: object) => decideInput.safeParse({ ...base, ...raw }).error?.issues.map((i) => i.path.join(".")).sort() ?? [];
  it.each([
    [{ decision: "ATTEST" }, []],
    [{ decision: "REVOKE" }, []],
    [{ decision: "EXCEPTION" }, ["exceptionUntil", "justification"]],
    [{ decision: "EXCEPTION", justification: "until the Q2 migration", exceptionUntil: "2000-01-01" }, ["exceptionUntil"]],
    [{ decision: "EXCEPTION", justification: "until the Q2 migration", exceptionUntil: new Date(Date.now() + 400 * DAY).toISOString() }, ["exceptionUntil"]],
    [{ decision: "EXCEPTION", justification: "until the Q2 migration", exceptionUntil: new Date(Date.now() + 10 * DAY).toISOString() }, []],
    [{ decision: "REDUCE" }, ["removeEntitlementIds"]],
    [{ decision: "REDUCE", removeEntitlementIds: ["ent_0123456789abcdef0123456789abcdef"] }, []],
    [{ decision: "REASSIGN", newOwnerEmail: "ana@acme.test" }, ["justification"]],
    [{ decision: "REASSIGN", justification: "Ana's team runs it" }, ["newOwnerEmail"]],
    [{ decision: "MAYBE" }, ["decision"]],
  ])("%j → issues on %j", (raw, expected) => {
    expect(fields(raw)).toEqual(expected);
  });
  it("rejects a malformed item id", () => {
    expect(decideInput.safeParse({ itemId: "itm_1", decision: "ATTEST" }).success).toBe(false);
  });
});

describe("timing, bulk keep and defaults", () => {
  it("computes seconds to decide and since the previous decision", () => {
    expect(decisionTiming(new Date(now.getTime() - 90_000), new Date(now.getTime() - 4_000), now, 12)).toEqual({ secondsToDecide: 90, secondsSincePrevious: 4, batchSize: 12 });
    expect(decisionTiming(now, null, now, 1).secondsSincePrevious).toBeNull();
  });
  it("bulk keep skips items with findings and answered items", () => {
    expect(bulkKeepSkipReason({ findingsCount: 0, status: "PENDING" })).toBeNull();
    expect(bulkKeepSkipReason({ findingsCount: 2, status: "PENDING" })).toMatch(/findings/);
    expect(bulkKeepSkipReason({ findingsCount: 0, status: "DECIDED" })).toMatch(/answered/);
  });
  it.each([["KEEP", "ATTEST"], ["REVOKE", "REVOKE"], ["ESCALATE_ONLY", null]] as const)("default on non-response %s → %s", (action, decision) => {
    expect(defaultDecision(action)).toBe(decision);
  });
});
