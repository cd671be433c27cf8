import type { SlackEntitlementView, SlackItemView } from "@/lib/slack/blocks/types";

// Deterministic view models for the builder tests (no database): ids look like the real ones.
export const NOW = new Date("2026-03-10T14:02:00Z");
const hex = (n: number, width = 32) => n.toString(16).padStart(width, "0");
export const fakeId = (prefix: string, n: number) => `${prefix}_${hex(n)}`;

export function fakeItem(n: number, over: Partial<SlackItemView> = {}): SlackItemView {
  const withFinding = n % 3 === 0;
  return {
    id: fakeId("itm", n),
    identityName: `ci-deployer-${n}`,
    kind: n % 2 ? "SERVICE_ACCOUNT" : "API_KEY",
    sourceName: "aws-prod",
    environment: n % 4 === 0 ? "production" : null,
    reasons: withFinding ? [`ci-deployer-${n} requested 412 tokens today; its 30-day median is 9`] : ["Quarterly review of privileged identities"],
    findingsCount: withFinding ? 1 : 0,
    highFindings: false,
    lastUsedAt: n % 5 === 0 ? null : new Date(NOW.getTime() - n * 3_600_000),
    dueAt: new Date(NOW.getTime() + (n % 7) * 86_400_000),
    status: "PENDING",
    campaignName: "Q1 2026 machine identities",
    campaignClosed: false,
    decision: null,
    ...over,
  };
}

export const fakeItems = (count: number) => Array.from({ length: count }, (_, i) => fakeItem(i + 1));

export const fakeEntitlements = (count: number): SlackEntitlementView[] =>
  Array.from({ length: count }, (_, i) => ({ id: fakeId("ent", i + 1), name: `s3:PutObject-${i + 1}`, resource: `arn:aws:s3:::bucket-${i + 1}/*`, privileged: i % 4 === 0, canMint: i % 9 === 0 }));
