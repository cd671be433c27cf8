import type { IdentitySnapshot } from "@/lib/reviews/snapshot";

const DAY = 86_400_000;

export type Recommendation = { decision: "ATTEST" | "REVOKE" | "REDUCE"; reason: string };

export type RecommendationInput = {
  snapshot: Pick<IdentitySnapshot, "identity" | "credentials" | "entitlements">;
  findings: { severity: string; kind: string }[];
  dormancyDays: number;
  /** Entitlements seen in use in the activity window, when usage data exists for this identity. */
  usage?: { usedEntitlements: number; windowDays: number } | null;
  now: Date;
};

const daysSince = (iso: string | null, now: Date) => (iso ? Math.floor((now.getTime() - Date.parse(iso)) / DAY) : null);

/**
 * A suggestion shown next to the decision buttons ("unused 120 days → revoke",
 * "3 of 7 permissions used → reduce"). It never decides anything; the reviewer does.
 */
export function recommend(input: RecommendationInput): Recommendation {
  const { snapshot, now, dormancyDays } = input;
  const idle = daysSince(snapshot.identity.lastUsedAt, now);
  if (idle !== null && idle >= dormancyDays) return { decision: "REVOKE", reason: `unused ${idle} days → revoke` };
  const liveCredentials = snapshot.credentials.filter((c) => c.status === "ACTIVE");
  if (idle === null && liveCredentials.length && liveCredentials.every((c) => !c.lastUsedAt && (daysSince(c.createdAt, now) ?? 0) >= dormancyDays)) {
    return { decision: "REVOKE", reason: `never used in ${daysSince(liveCredentials[0]!.createdAt, now)} days → revoke` };
  }
  const total = snapshot.entitlements.length;
  if (input.usage && total > 1 && input.usage.usedEntitlements < total) {
    return { decision: "REDUCE", reason: `${input.usage.usedEntitlements} of ${total} permissions used in ${input.usage.windowDays} days → reduce` };
  }
  const wildcardPrivileged = snapshot.entitlements.filter((e) => e.privileged);
  if (wildcardPrivileged.length && input.findings.some((f) => f.kind === "PERMISSION_EXPANSION")) {
    return { decision: "REDUCE", reason: `privileged access was just granted (${wildcardPrivileged[0]!.name}) → reduce unless needed` };
  }
  if (idle !== null) return { decision: "ATTEST", reason: `used ${idle === 0 ? "today" : `${idle} days ago`}, within policy → keep` };
  return { decision: "ATTEST", reason: "no usage data; keep if you know it is needed" };
}

/** Counts entitlements whose name or resource appears in the identity's recent actions or targets. */
export function usedEntitlements(entitlements: { name: string; resource: string }[], seen: { action: string; target: string | null }[]): number {
  const tokens = new Set(seen.flatMap((e) => [e.action.toLowerCase(), (e.target ?? "").toLowerCase()]).filter(Boolean));
  const hit = (needle: string) => [...tokens].some((t) => t === needle || t.startsWith(`${needle}:`) || t.startsWith(`${needle}/`));
  return entitlements.filter((e) => hit(e.name.toLowerCase()) || (e.resource !== "*" && hit(e.resource.toLowerCase()))).length;
}
