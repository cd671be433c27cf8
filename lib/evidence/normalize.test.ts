import { describe, expect, it } from "vitest";
import { decisionRow, exceptionStatus, findingRow, slaMet, snapshotRows, DECISIONS_HEADER, SNAPSHOT_HEADER } from "@/lib/evidence/normalize";
import { explainDifference, type PopulationPair } from "@/lib/evidence/population";
import { winAnsi } from "@/lib/evidence/pdf-layout";

const NOW = "2026-11-23T12:00:00.000Z";

describe("evidence normalizers", () => {
  it.each([
    ["verified before the due date", { status: "VERIFIED", verifiedAt: "2026-11-20T00:00:00.000Z", dueAt: "2026-11-21T00:00:00.000Z" }, "yes"],
    ["verified after the due date", { status: "VERIFIED", verifiedAt: "2026-11-22T00:00:00.000Z", dueAt: "2026-11-21T00:00:00.000Z" }, "no"],
    ["executed, not verified, past due", { status: "EXECUTED", verifiedAt: null, dueAt: "2026-11-21T00:00:00.000Z" }, "no"],
    ["open, still inside the SLA", { status: "OPEN", verifiedAt: null, dueAt: "2026-11-30T00:00:00.000Z" }, "pending"],
  ])("SLA: %s → %s", (_l, task, expected) => {
    expect(slaMet(task, NOW)).toBe(expected);
  });

  it.each([
    [{ exceptionUntil: "2026-12-01T00:00:00.000Z", reReviewed: false }, "active"],
    [{ exceptionUntil: "2026-11-01T00:00:00.000Z", reReviewed: true }, "expired, re-review opened"],
    [{ exceptionUntil: "2026-11-01T00:00:00.000Z", reReviewed: false }, "expired, not re-reviewed"],
    [{ exceptionUntil: null, reReviewed: false }, "no expiry recorded"],
  ])("exception %o is %s at pack time", (e, expected) => {
    expect(exceptionStatus(e, NOW)).toBe(expected);
  });

  it("writes one snapshot row per entitlement, and one for an item without entitlements", () => {
    const base = { id: "itm_1", campaignId: "cmp_1", reasons: [{ kind: "DORMANT", sentence: "unused for 120 days" }], dueAt: NOW, status: "DECIDED", reviewerId: "usr_r", reviewerEmail: "r@x.test", ownerEmail: "o@x.test", ownerStatus: "DEPARTED", sourceName: "aws" };
    const snapshot = { takenAt: NOW, identity: { id: "idn_1", name: "ci", kind: "API_KEY", ownerId: "usr_o", privileged: true, sourceId: "src_1" }, credentials: [{ id: "c1", createdAt: "2026-01-02T00:00:00.000Z", expiresAt: null }, { id: "c2", createdAt: "2025-06-01T00:00:00.000Z", expiresAt: "2027-01-01T00:00:00.000Z" }], entitlements: [{ id: "e1", name: "Admin", resource: "*", privileged: true, canMint: true }, { id: "e2", name: "read", resource: "logs/*", privileged: false, canMint: false }] };
    const rows = snapshotRows({ ...base, snapshot });
    expect(rows).toHaveLength(2);
    const row = Object.fromEntries(SNAPSHOT_HEADER.map((h, i) => [h, rows[0]![i]]));
    expect(row).toMatchObject({ owner_status: "DEPARTED", privileged: "true", credential_count: "2", oldest_credential_created_at: "2025-06-01T00:00:00.000Z", earliest_credential_expires_at: "2027-01-01T00:00:00.000Z", entitlement_name: "Admin", entitlement_can_mint: "true", review_reasons: "unused for 120 days" });
    expect(rows.every((r) => r.length === SNAPSHOT_HEADER.length)).toBe(true);
    expect(snapshotRows({ ...base, snapshot: { ...snapshot, entitlements: [] } })).toHaveLength(1);
  });

  it("flags late, bulk and self-review decisions", () => {
    const row = decisionRow({ id: "dec_1", itemId: "itm_1", campaignId: "cmp_1", identityId: "idn_1", identityName: "ci", kind: "ATTEST", justification: null, exceptionUntil: null, removeEntitlementIds: [], newOwnerId: null, reviewerId: "usr_r", deciderId: "usr_r", deciderEmail: "r@x.test", deciderRole: "MEMBER", channel: "SLACK", decidedAt: "2026-11-22T00:00:00.000Z", dueAt: "2026-11-21T00:00:00.000Z", secondsToDecide: 3, secondsSincePrevious: 1, batchId: "b1", batchSize: 40, selfReview: true });
    const d = Object.fromEntries(DECISIONS_HEADER.map((h, i) => [h, row[i]]));
    expect(d).toMatchObject({ on_time: "false", bulk_action: "true", self_review: "true", batch_size: "40", channel: "SLACK" });
  });

  it("tags findings with OWASP NHI risks from the catalog", () => {
    const row = findingRow({ id: "fnd_1", kind: "HUMAN_USE", severity: "HIGH", status: "OPEN", identityId: "idn_1", reviewItemId: "itm_1", sentence: "s", eventIds: ["evt_1", "evt_2"], detail: { a: 1 }, actorUserId: null, createdAt: NOW, resolvedAt: null });
    expect(row.at(-1)).toBe("NHI10:2025 Human Use of NHI");
    expect(row[7]).toBe("evt_1;evt_2");
  });

  it.each([
    ["census matches", { kind: "SCHEDULED", count: 5, snap: 5, seen: 7 }, true, /matches the launch census; 2 identities/],
    ["census differs", { kind: "SCHEDULED", count: 5, snap: 4, seen: 7 }, false, /differs from the launch census by -1/],
    ["no census", { kind: "SCHEDULED", count: undefined, snap: 4, seen: 7 }, false, /no launch census/],
    ["continuous", { kind: "CONTINUOUS", count: undefined, snap: 4, seen: 7 }, true, /continuous review/],
  ])("reconciliation: %s", (_l, p, explained, text) => {
    const pair = { campaign: { id: "cmp_1", kind: p.kind, launchedAt: null }, sourceId: "src_1", sourceName: "aws", sourceKind: "AWS", inSnapshot: p.snap, launch: p.count === undefined ? null : { id: "src_1", count: p.count }, population: null, sync: { seenCount: p.seen } } as unknown as PopulationPair;
    expect(explainDifference(pair).explained).toBe(explained);
    expect(explainDifference(pair).text).toMatch(text);
  });

  it("keeps PDF text encodable in the standard fonts", () => {
    expect(winAnsi("a → b ≤ c\nd – “e” 日本")).toBe("a -> b <= c d – “e” ??");
  });
});
