import { describe, expect, it } from "vitest";
import { recommend, usedEntitlements } from "@/lib/reviews/recommendation";
import type { IdentitySnapshot } from "@/lib/reviews/snapshot";

const now = new Date("2026-11-23T00:00:00Z");
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000).toISOString();
const snap = (over: { lastUsedAt?: string | null; credentials?: IdentitySnapshot["credentials"]; entitlements?: IdentitySnapshot["entitlements"] } = {}): IdentitySnapshot => ({
  takenAt: now.toISOString(),
  identity: { id: "idn_1", externalId: "x", name: "ci", kind: "SERVICE_ACCOUNT", environment: "prod", status: "ACTIVE", privileged: false, blastRadius: 10, ownerId: null, lastUsedAt: over.lastUsedAt === undefined ? daysAgo(2) : over.lastUsedAt, sourceId: "src_1" },
  credentials: over.credentials ?? [],
  entitlements: over.entitlements ?? [{ id: "ent_1", name: "s3-read", resource: "*", privileged: false, canMint: false }],
});
const ent = (name: string, privileged = false) => ({ id: `ent_${name}`, name, resource: "*", privileged, canMint: false });

describe("recommendation", () => {
  it.each([
    ["unused 120 days → revoke", { snapshot: snap({ lastUsedAt: daysAgo(120) }) }, "REVOKE"],
    ["used 2 days ago, within policy → keep", { snapshot: snap() }, "ATTEST"],
    ["3 of 7 permissions used in 90 days → reduce", { snapshot: snap({ entitlements: ["a", "b", "c", "d", "e", "f", "g"].map((n) => ent(n)) }), usage: { usedEntitlements: 3, windowDays: 90 } }, "REDUCE"],
    ["never used in 200 days → revoke", { snapshot: snap({ lastUsedAt: null, credentials: [{ id: "crd_1", externalId: "k", kind: "ACCESS_KEY", status: "ACTIVE", createdAt: daysAgo(200), lastUsedAt: null, expiresAt: null }] }) }, "REVOKE"],
    ["no usage data; keep if you know it is needed", { snapshot: snap({ lastUsedAt: null }) }, "ATTEST"],
  ] as const)("%s", (reason, input, decision) => {
    const r = recommend({ findings: [], dormancyDays: 90, now, ...input });
    expect(r).toEqual({ decision, reason });
  });

  it("counts entitlements seen in recent actions or targets", () => {
    expect(usedEntitlements([{ name: "s3:GetObject", resource: "arn:aws:s3:::logs/*" }, { name: "iam:CreateUser", resource: "*" }], [{ action: "s3:GetObject", target: null }])).toBe(1);
  });
});
