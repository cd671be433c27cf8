// Builders for the pure trigger tests (not a test file itself: imported by *.test.ts only).
import type { EventFacts, IdentityState } from "@/lib/triggers/types";
import { emptyBaseline, observeToken, observeUse, type BaselineState } from "@/lib/events/baseline";
import { networkOf } from "@/lib/events/network";
import { userAgentFamily } from "@/lib/events/user-agent";

export const NOW = new Date("2026-03-31T12:00:00Z");
export const daysAgo = (n: number, from = NOW) => new Date(from.getTime() - n * 86_400_000);

export const identity = (over: Partial<IdentityState> = {}): IdentityState => ({
  id: "idn_1", name: "ci-deployer", kind: "SERVICE_ACCOUNT", environment: "prod", privileged: false,
  ownerId: "usr_owner", ownerName: "Olivia Owner", ownerStatus: "ACTIVE", owningTeamId: null, discoveredBy: "IMPORT",
  lastUsedAt: daysAgo(1), firstSeenAt: daysAgo(200), ...over,
});

export const event = (over: Partial<EventFacts> = {}): EventFacts => ({
  id: "evt_1", occurredAt: NOW, kind: "API_CALL", action: "s3:GetObject", target: null, sourceIp: "198.51.100.23", region: "us-east-1",
  userAgent: "Boto3/1.34.2", context: "111122223333", actorLabel: "ci-deployer", actorEmail: null, permission: null, credentialId: null,
  environment: null, logName: "CloudTrail", ...over,
});

/** A baseline with `days` of ordinary history ending yesterday: one network, one region, Boto3, `perDay` calls and tokens a day. */
export function history(days: number, perDay = 10, tokensPerDay = 0): BaselineState {
  const b = emptyBaseline();
  for (let d = days; d >= 1; d--) {
    for (let i = 0; i < perDay; i++) observeUse(b, { at: daysAgo(d), network: networkOf("198.51.100.23"), sourceIp: "198.51.100.23", region: "us-east-1", userAgentFamily: userAgentFamily("Boto3/1.34.2")!.family, environment: null });
    for (let i = 0; i < tokensPerDay; i++) observeToken(b, daysAgo(d));
  }
  return b;
}
