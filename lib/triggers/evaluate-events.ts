import type { CredentialKind, TriggerKind } from "@/prisma/generated/enums";
import type { EventFacts, FindingDraft, IdentityState } from "@/lib/triggers/types";
import { emptyBaseline, observeToken, observeUse, type BaselineState } from "@/lib/events/baseline";
import { networkOf } from "@/lib/events/network";
import { userAgentFamily } from "@/lib/events/user-agent";
import { declaredEnvironment, environmentIn } from "@/lib/events/environment";
import { credentialCreated, newIdentity, orphaned, permissionExpansion } from "@/lib/triggers/rules/change-triggers";
import { apiVolumeSpike, environmentMismatch, humanUse, newRegion, newSourceIp, newUserAgent, reactivated, tokenSpike } from "@/lib/triggers/rules/behaviour-triggers";

import { FindingGate, type RuleConfig } from "@/lib/triggers/finding-gate";

export type { RuleConfig };

/** One stored event with the identities it was matched to. */
export type EngineEvent = {
  facts: EventFacts;
  /** the identity that acted (behaviour triggers, baseline) */
  actorId: string | null;
  /** the identity a change is about (permission granted to, key created for) */
  subjectId: string | null;
  /** the identity a token was issued to (token-spike counts) */
  tokenForId: string | null;
  /** identities this event made Rollcall discover (shadow identities) */
  discoveredIds: string[];
  credentialKind: CredentialKind;
};

/**
 * Working state of one evaluation run. Baselines and identities are updated in place as events are
 * applied, so the caller writes back exactly what changed (`touched`).
 */
export type EngineState = {
  identities: Map<string, IdentityState>;
  baselines: Map<string, BaselineState>;
  gate: FindingGate;
  touched: Set<string>;
  now: Date;
};

/** `blocked`: `${kind}:${identityId}` pairs that fired within their cooldown before this run; the dry run includes switched-off rules. */
export function newEngineState(init: Pick<EngineState, "identities" | "baselines" | "now"> & { rules: Map<TriggerKind, RuleConfig>; blocked: Set<string>; includeDisabled?: boolean }): EngineState {
  return { identities: init.identities, baselines: init.baselines, now: init.now, gate: new FindingGate(init.rules, init.blocked, init.includeDisabled), touched: new Set() };
}

/**
 * Applies events (in time order) to baselines and identity state and returns the findings they
 * fire, deduplicated per (rule, identity) within each rule's cooldown. Pure apart from mutating `state`.
 */
export function evaluateEvents(state: EngineState, events: EngineEvent[]): FindingDraft[] {
  const start = state.gate.accepted.length;
  const on = (kind: TriggerKind) => state.gate.on(kind);
  const fire = (draft: FindingDraft | null) => state.gate.offer(draft);
  const baseline = (id: string) => {
    let b = state.baselines.get(id);
    if (!b) state.baselines.set(id, (b = emptyBaseline()));
    state.touched.add(id);
    return b;
  };
  const p = (kind: TriggerKind) => state.gate.params(kind);

  for (const ev of events) {
    const e = ev.facts;
    const actor = ev.actorId ? state.identities.get(ev.actorId) : undefined;
    if (actor) {
      const b = baseline(actor.id);
      if (on("REACTIVATED")) fire(reactivated(actor, e, p("REACTIVATED")));
      if (on("NEW_SOURCE_IP")) fire(newSourceIp(actor, b, e, p("NEW_SOURCE_IP")));
      if (on("NEW_REGION")) fire(newRegion(actor, b, e, p("NEW_REGION")));
      if (on("NEW_USER_AGENT")) fire(newUserAgent(actor, b, e, p("NEW_USER_AGENT")));
      if (on("HUMAN_USE")) fire(humanUse(actor, e));
      if (on("ENVIRONMENT_MISMATCH")) fire(environmentMismatch(actor, e));
      const calls = observeUse(b, {
        at: e.occurredAt, network: networkOf(e.sourceIp), sourceIp: e.sourceIp, region: e.region,
        userAgentFamily: userAgentFamily(e.userAgent)?.family ?? null,
        environment: declaredEnvironment(e.environment) ?? environmentIn(e.context),
      });
      if (on("API_VOLUME_SPIKE")) fire(apiVolumeSpike(actor, b, e, { todayCount: calls, now: state.now }, p("API_VOLUME_SPIKE")));
      if (!actor.lastUsedAt || actor.lastUsedAt < e.occurredAt) actor.lastUsedAt = e.occurredAt;
    }
    const tokenFor = ev.tokenForId ? state.identities.get(ev.tokenForId) : undefined;
    if (tokenFor && e.kind === "TOKEN_ISSUED") {
      const b = baseline(tokenFor.id);
      const tokens = observeToken(b, e.occurredAt);
      if (on("TOKEN_SPIKE")) fire(tokenSpike(tokenFor, b, e, { todayCount: tokens, now: state.now }, p("TOKEN_SPIKE")));
    }
    for (const id of ev.discoveredIds) {
      const found = state.identities.get(id);
      if (!found) continue;
      if (on("NEW_IDENTITY")) fire(newIdentity(found, { event: e }));
      if (on("ORPHANED")) fire(orphaned(found, e.occurredAt, [e.id]));
    }
    const subject = ev.subjectId ? state.identities.get(ev.subjectId) : undefined;
    if (subject) {
      const change = { at: e.occurredAt, actorLabel: e.actorLabel, actorEmail: e.actorEmail, eventIds: [e.id] };
      if (e.kind === "PERMISSION_GRANTED" && on("PERMISSION_EXPANSION")) fire(permissionExpansion(subject, { ...change, permission: e.permission ?? e.target ?? e.action }));
      if (e.kind === "CREDENTIAL_CREATED" && on("CREDENTIAL_CREATED")) fire(credentialCreated(subject, { ...change, credentialId: e.credentialId, credentialKind: ev.credentialKind }));
    }
  }
  return state.gate.accepted.slice(start);
}
