import type { EventFacts, FindingDraft, IdentityState, RuleParams } from "@/lib/triggers/types";
import { historyDays, median30, type BaselineState } from "@/lib/events/baseline";
import { userAgentFamily } from "@/lib/events/user-agent";
import { networkOf } from "@/lib/events/network";
import { declaredEnvironment, environmentIn } from "@/lib/events/environment";
import { count, day, daysBetween, list, onDay, plural } from "@/lib/triggers/format";

// Behaviour triggers (DESIGN.md §6): the identity is used differently from before. Novelty and spike
// triggers stay quiet until the identity has `learningDays` of history (default 7).

const draft = (identity: IdentityState, e: EventFacts, f: Pick<FindingDraft, "kind" | "severity" | "sentence" | "detail">): FindingDraft => ({
  ...f, identityId: identity.id, eventIds: [e.id], actorEmail: e.actorEmail, at: e.occurredAt,
});

const learned = (b: BaselineState, at: Date, params: RuleParams) => historyDays(b, at) >= (params.learningDays ?? 7);
const what = (e: EventFacts) => `${e.action}${e.sourceIp ? ` from ${e.sourceIp}` : ""}`;
const sinceText = (b: BaselineState) => (b.since ? ` since ${b.since.slice(0, 10)}` : "");

/** Scheduled: unused for at least `days` (never-used identities count from when they were first seen). */
export function dormant(identity: IdentityState, now: Date, params: RuleParams): FindingDraft | null {
  const days = params.days ?? 90;
  const idle = daysBetween(identity.lastUsedAt ?? identity.firstSeenAt, now);
  if (idle < days) return null;
  return {
    kind: "DORMANT", identityId: identity.id, severity: identity.privileged ? "HIGH" : "MEDIUM",
    sentence: identity.lastUsedAt
      ? `${identity.name} has not been used for ${plural(idle, "day")} (threshold: ${days}).`
      : `${identity.name} has never been used in the ${plural(idle, "day")} since it was first seen (threshold: ${days}).`,
    detail: { idleDays: idle, days }, eventIds: [], actorEmail: null, at: now,
  };
}

/** First use after a dormant stretch: a forgotten key being picked up again deserves a look. */
export function reactivated(identity: IdentityState, e: EventFacts, params: RuleParams): FindingDraft | null {
  const dormantDays = params.dormantDays ?? 90;
  if (!identity.lastUsedAt) return null;
  const gap = daysBetween(identity.lastUsedAt, e.occurredAt);
  if (gap < dormantDays) return null;
  return draft(identity, e, {
    kind: "REACTIVATED", severity: "HIGH",
    sentence: `${identity.name} was used again on ${day(e.occurredAt)} (${what(e)}) after ${plural(gap, "day")} without use.`,
    detail: { idleDays: gap, dormantDays },
  });
}

export function newSourceIp(identity: IdentityState, b: BaselineState, e: EventFacts, params: RuleParams): FindingDraft | null {
  const network = networkOf(e.sourceIp);
  if (!network || b.networks[network] || !learned(b, e.occurredAt, params)) return null;
  const known = Object.keys(b.networks);
  return draft(identity, e, {
    kind: "NEW_SOURCE_IP", severity: "MEDIUM",
    sentence: `${identity.name} was used from ${e.sourceIp}, a network (${network}) it had not used${sinceText(b)}; it used only ${list(known)} (${e.action}).`,
    detail: { sourceIp: e.sourceIp, network, knownNetworks: known.length },
  });
}

export function newRegion(identity: IdentityState, b: BaselineState, e: EventFacts, params: RuleParams): FindingDraft | null {
  if (!e.region || b.regions[e.region] || !learned(b, e.occurredAt, params)) return null;
  const known = Object.keys(b.regions);
  return draft(identity, e, {
    kind: "NEW_REGION", severity: "MEDIUM",
    sentence: `${identity.name} made its first call from region ${e.region} (${what(e)}); ${known.length ? `it had used only ${list(known)}` : "no region was seen before"}${sinceText(b)}.`,
    detail: { region: e.region, knownRegions: known.length },
  });
}

export function newUserAgent(identity: IdentityState, b: BaselineState, e: EventFacts, params: RuleParams): FindingDraft | null {
  const ua = userAgentFamily(e.userAgent);
  if (!ua || b.userAgents[ua.family] || !learned(b, e.occurredAt, params)) return null;
  const known = Object.keys(b.userAgents);
  return draft(identity, e, {
    kind: "NEW_USER_AGENT", severity: "LOW",
    sentence: `${identity.name} was used by a new kind of client, ${ua.family} (${e.userAgent}); ${known.length ? `before, it used only ${list(known)}` : "no client was seen before"}.`,
    detail: { family: ua.family, knownFamilies: known.length },
  });
}

type Spike = { todayCount: number; now: Date };

function spike(b: BaselineState, days: Record<string, number>, e: EventFacts, s: Spike, params: RuleParams) {
  // Below the floor nothing fires whatever the median: most events stop here, before the median is looked up.
  if (s.todayCount < (params.minimum ?? 1) || !learned(b, e.occurredAt, params)) return null;
  const median = median30(days, e.occurredAt, b.since);
  const threshold = Math.max((params.factor ?? 10) * median, params.minimum ?? 1);
  // Fire once, when the day's count crosses the threshold, not on every event after it.
  if (s.todayCount < threshold || s.todayCount - 1 >= threshold) return null;
  return { median, threshold };
}

/** Today's token issuances ≥ factor × the 30-day median and ≥ the floor. */
export function tokenSpike(identity: IdentityState, b: BaselineState, e: EventFacts, s: Spike, params: RuleParams): FindingDraft | null {
  const hit = spike(b, b.dailyTokens, e, s, params);
  if (!hit) return null;
  return draft(identity, e, {
    kind: "TOKEN_SPIKE", severity: "HIGH",
    sentence: `${identity.name} requested ${plural(s.todayCount, "token")} ${onDay(e.occurredAt, s.now)}; its 30-day median is ${count(hit.median)}.`,
    detail: { count: s.todayCount, median: hit.median, threshold: hit.threshold },
  });
}

/** Today's API calls ≥ factor × the 30-day median and ≥ the floor. */
export function apiVolumeSpike(identity: IdentityState, b: BaselineState, e: EventFacts, s: Spike, params: RuleParams): FindingDraft | null {
  const hit = spike(b, b.dailyCalls, e, s, params);
  if (!hit) return null;
  return draft(identity, e, {
    kind: "API_VOLUME_SPIKE", severity: "MEDIUM",
    sentence: `${identity.name} made ${plural(s.todayCount, "API call")} ${onDay(e.occurredAt, s.now)}; its 30-day median is ${count(hit.median)}.`,
    detail: { count: s.todayCount, median: hit.median, threshold: hit.threshold },
  });
}

/** An interactive console sign-in or a web browser: a person is using a machine identity. */
export function humanUse(identity: IdentityState, e: EventFacts): FindingDraft | null {
  const ua = userAgentFamily(e.userAgent);
  if (e.kind !== "INTERACTIVE_LOGIN" && !ua?.browser) return null;
  const how = e.kind === "INTERACTIVE_LOGIN" ? `signed in interactively (${what(e)})` : `was used from a web browser, ${ua!.family} (${what(e)})`;
  return draft(identity, e, {
    kind: "HUMAN_USE", severity: "HIGH",
    sentence: `${identity.name} ${how} on ${day(e.occurredAt)}: a machine identity used by a person.`,
    detail: { interactive: e.kind === "INTERACTIVE_LOGIN", userAgent: e.userAgent },
  });
}

/** Used in an environment other than the one it is declared for (prod access by a staging identity). */
export function environmentMismatch(identity: IdentityState, e: EventFacts): FindingDraft | null {
  const declared = declaredEnvironment(identity.environment);
  if (!declared) return null;
  const used = declaredEnvironment(e.environment) ?? environmentIn(e.context) ?? environmentIn(e.target);
  if (!used || declared === used) return null;
  const where = e.environment ?? (environmentIn(e.context) ? e.context : e.target);
  return draft(identity, e, {
    kind: "ENVIRONMENT_MISMATCH", severity: used === "prod" ? "HIGH" : "MEDIUM",
    sentence: `${identity.name} is declared for ${declared} but was used in ${used} (${e.action} on ${where}).`,
    detail: { declared, used },
  });
}
