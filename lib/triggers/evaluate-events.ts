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
  const gate = state.gate;
  const fire = (draft: FindingDraft | null) => gate.offer(draft);
  const baseline = (id: string) => {
    let b = state.baselines.get(id);
    if (!b) state.baselines.set(id, (b = emptyBaseline()));
    state.touched.add(id);
    return b;
  };
  // Which rules run and with what thresholds: looked up once per call, not once per event.
  const on = (kind: TriggerKind) => gate.on(kind) !== null;
  const p = (kind: TriggerKind) => gate.params(kind);
  const rule = {
    reactivated: on("REACTIVATED"), newSourceIp: on("NEW_SOURCE_IP"), newRegion: on("NEW_REGION"), newUserAgent: on("NEW_USER_AGENT"),
    humanUse: on("HUMAN_USE"), environmentMismatch: on("ENVIRONMENT_MISMATCH"), apiVolumeSpike: on("API_VOLUME_SPIKE"), tokenSpike: on("TOKEN_SPIKE"),
    newIdentity: on("NEW_IDENTITY"), orphaned: on("ORPHANED"), permissionExpansion: on("PERMISSION_EXPANSION"), credentialCreated: on("CREDENTIAL_CREATED"),
  };
  const params = {
    reactivated: p("REACTIVATED"), newSourceIp: p("NEW_SOURCE_IP"), newRegion: p("NEW_REGION"), newUserAgent: p("NEW_USER_AGENT"),
    apiVolumeSpike: p("API_VOLUME_SPIKE"), tokenSpike: p("TOKEN_SPIKE"),
  };

  for (const ev of events) {
    const e = ev.facts;
    const actor = ev.actorId ? state.identities.get(ev.actorId) : undefined;
    if (actor) {
      const b = baseline(actor.id);
      if (rule.reactivated) fire(reactivated(actor, e, params.reactivated));
      if (rule.newSourceIp) fire(newSourceIp(actor, b, e, params.newSourceIp));
      if (rule.newRegion) fire(newRegion(actor, b, e, params.newRegion));
      if (rule.newUserAgent) fire(newUserAgent(actor, b, e, params.newUserAgent));
      if (rule.humanUse) fire(humanUse(actor, e));
      if (rule.environmentMismatch) fire(environmentMismatch(actor, e));
      const calls = observeUse(b, {
        at: e.occurredAt, network: networkOf(e.sourceIp), sourceIp: e.sourceIp, region: e.region,
        userAgentFamily: userAgentFamily(e.userAgent)?.family ?? null,
        environment: declaredEnvironment(e.environment) ?? environmentIn(e.context),
      });
      if (rule.apiVolumeSpike) fire(apiVolumeSpike(actor, b, e, { todayCount: calls, now: state.now }, params.apiVolumeSpike));
      if (!actor.lastUsedAt || actor.lastUsedAt < e.occurredAt) actor.lastUsedAt = e.occurredAt;
    }
    const tokenFor = ev.tokenForId ? state.identities.get(ev.tokenForId) : undefined;
    if (tokenFor && e.kind === "TOKEN_ISSUED") {
      const b = baseline(tokenFor.id);
      const tokens = observeToken(b, e.occurredAt);
      if (rule.tokenSpike) fire(tokenSpike(tokenFor, b, e, { todayCount: tokens, now: state.now }, params.tokenSpike));
    }
    for (const id of ev.discoveredIds) {
      const found = state.identities.get(id);
      if (!found) continue;
      if (rule.newIdentity) fire(newIdentity(found, { event: e }));
      if (rule.orphaned) fire(orphaned(found, e.occurredAt, [e.id]));
    }
    const subject = ev.subjectId ? state.identities.get(ev.subjectId) : undefined;
    if (subject) {
      const change = { at: e.occurredAt, actorLabel: e.actorLabel, actorEmail: e.actorEmail, eventIds: [e.id] };
      if (e.kind === "PERMISSION_GRANTED" && rule.permissionExpansion) fire(permissionExpansion(subject, { ...change, permission: e.permission ?? e.target ?? e.action }));
      if (e.kind === "CREDENTIAL_CREATED" && rule.credentialCreated) fire(credentialCreated(subject, { ...change, credentialId: e.credentialId, credentialKind: ev.credentialKind }));
    }
  }
  return state.gate.accepted.slice(start);
}
