import type { EventFacts } from "@/lib/triggers/types";
import type { EngineEvent } from "@/lib/triggers/evaluate-events";
import type { ParsedEvent } from "@/lib/events/types";
import { shadowKey, type PrincipalMatcher } from "@/lib/events/match-principals";
import type { Discovered } from "@/lib/events/discover-identities";

export function eventFacts(e: ParsedEvent, id: string, logName: string): EventFacts {
  return {
    id, occurredAt: e.occurredAt, kind: e.kind, action: e.action, target: e.target, sourceIp: e.sourceIp, region: e.region, userAgent: e.userAgent,
    context: e.context, actorLabel: e.principal ? (e.principal.email ?? e.principal.name) : null, actorEmail: e.principal?.email ?? null,
    permission: e.detail.permission ?? null, credentialId: e.detail.credentialId ?? null, environment: e.detail.environment ?? null, logName,
  };
}

/**
 * What the trigger engine needs of one stored event: who acted, whom a change is about, who got a
 * token, and which identities this event made Rollcall discover (announced once per run).
 */
export function toEngineEvent(
  e: ParsedEvent,
  identityId: string | null,
  id: string,
  logName: string,
  matcher: PrincipalMatcher,
  discovered: Map<string, Discovered>,
  announced: Set<string>,
): EngineEvent {
  const subjectId = matcher.match(e.subject)?.identityId ?? null;
  const discoveredIds: string[] = [];
  for (const ref of [e.principal, e.subject]) {
    const key = ref ? shadowKey(ref) : null;
    const d = key ? discovered.get(key) : undefined;
    if (d?.created && !announced.has(d.identityId)) {
      announced.add(d.identityId);
      discoveredIds.push(d.identityId);
    }
  }
  return {
    facts: eventFacts(e, id, logName),
    actorId: identityId,
    subjectId,
    tokenForId: e.kind === "TOKEN_ISSUED" ? (subjectId ?? identityId) : null,
    discoveredIds,
    credentialKind: e.subject?.credentialKind ?? e.principal?.credentialKind ?? "ACCESS_KEY",
  };
}
