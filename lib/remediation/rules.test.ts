import { describe, expect, it } from "vitest";
import { mayExplain, nextAttemptAt, nextRemediationStatus, verification, WEBHOOK_MAX_ATTEMPTS, type RemediationDetail } from "@/lib/remediation/rules";
import { signWebhook, verifyWebhookSignature } from "@/lib/remediation/webhook-signature";

const now = new Date("2026-11-23T12:00:00Z");
const detail: RemediationDetail = {
  identity: { id: "idn_1", externalId: "arn:aws:iam::1:user/ci", name: "ci", kind: "SERVICE_ACCOUNT", sourceId: "src_1" },
  credentials: [{ id: "crd_1", externalId: "AKIA1", kind: "ACCESS_KEY" }, { id: "crd_2", externalId: "AKIA2", kind: "ACCESS_KEY" }],
  entitlements: [{ id: "ent_1", name: "AdministratorAccess", resource: "*" }],
  decision: { id: "dec_1", kind: "REVOKE", by: "ana", at: now.toISOString(), justification: null },
};
const observed = (identityStatus: "ACTIVE" | "DISABLED" | "REMOVED" | "MISSING", creds: [string, string][], ents: [string, string][]) => ({ identityStatus, credentials: new Map(creds), entitlements: new Map(ents) });

describe("remediation rules", () => {
  it.each([
    ["OPEN", "executed", "EXECUTED"],
    ["OPEN", "failed", "FAILED"],
    ["EXECUTED", "verified", "VERIFIED"],
    ["FAILED", "verified", "VERIFIED"],
    ["VERIFIED", "executed", null],
    ["EXECUTED", "failed", null],
  ] as const)("%s --%s--> %s", (from, event, to) => {
    expect(nextRemediationStatus(from, event)).toBe(to);
  });

  it.each([["OPEN", true], ["EXECUTED", true], ["FAILED", true], ["VERIFIED", false]] as const)("a %s task may carry an explanation: %s", (status, expected) => {
    expect(mayExplain(status)).toBe(expected);
  });

  it("backs off 1, 5, 30, 120, 360 minutes, then gives up", () => {
    const gaps = [1, 2, 3, 4, 5].map((a) => (nextAttemptAt(a, now)!.getTime() - now.getTime()) / 60_000);
    expect(gaps).toEqual([1, 5, 30, 120, 360]);
    expect(nextAttemptAt(WEBHOOK_MAX_ATTEMPTS, now)).toBeNull();
  });

  it.each([
    ["every credential removed", "REVOKE", observed("ACTIVE", [["crd_1", "REMOVED"], ["crd_2", "INACTIVE"]], []), true],
    ["one credential still active", "REVOKE", observed("ACTIVE", [["crd_1", "REMOVED"], ["crd_2", "ACTIVE"]], []), false],
    ["credentials gone from the source", "REVOKE", observed("ACTIVE", [], []), true],
    ["identity disabled", "REVOKE", observed("DISABLED", [["crd_1", "ACTIVE"]], []), true],
    ["entitlement removed", "REDUCE", observed("ACTIVE", [], [["ent_1", "REMOVED"]]), true],
    ["entitlement still active", "REDUCE", observed("ACTIVE", [], [["ent_1", "ACTIVE"]]), false],
  ] as const)("%s → verified: %s", (_name, action, state, verified) => {
    expect(verification(action, detail, state) !== null).toBe(verified);
  });

  it("signs webhooks with HMAC-SHA256 over timestamp and body, and rejects tampering and old timestamps", () => {
    const body = JSON.stringify({ taskId: "rem_1" });
    const header = signWebhook("s3cret-s3cret-s3cret", body, now);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature("s3cret-s3cret-s3cret", body, header, now)).toBe(true);
    expect(verifyWebhookSignature("s3cret-s3cret-s3cret", body.replace("rem_1", "rem_2"), header, now)).toBe(false);
    expect(verifyWebhookSignature("s3cret-s3cret-s3cret", body, header, new Date(now.getTime() + 10 * 60_000))).toBe(false);
  });
});
