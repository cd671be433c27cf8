import type { CredentialKind } from "@/prisma/generated/enums";
import type { EventFacts, FindingDraft, IdentityState, RuleParams } from "@/lib/triggers/types";
import { isPrivilegedPermission } from "@/lib/triggers/privileged";
import { by, day, daysBetween, permissionName, plural } from "@/lib/triggers/format";

// Change triggers (DESIGN.md §6): something about the identity changed. Each is a pure function of the
// identity's state and the change (or the clock) and returns a finding with a sentence, or null.

export const credentialLabel: Record<CredentialKind, string> = {
  ACCESS_KEY: "access key", TOKEN: "token", CERTIFICATE: "certificate", SSH_KEY: "SSH key", CLIENT_SECRET: "client secret", PASSWORD: "password",
};

type Change = { at: Date; actorLabel: string | null; actorEmail: string | null; eventIds: string[] };

/** A machine identity nobody inventoried showed up: in a log (shadow identity) or in a sync after the first. */
export function newIdentity(identity: IdentityState, seen: { event: EventFacts } | { sync: { sourceName: string; at: Date; actorEmail: string | null } }): FindingDraft | null {
  if ("event" in seen) {
    if (identity.discoveredBy !== "EVENT") return null;
    const e = seen.event;
    return {
      kind: "NEW_IDENTITY", identityId: identity.id, severity: identity.privileged ? "HIGH" : "MEDIUM",
      sentence: `${identity.name} appeared in ${e.logName} on ${day(e.occurredAt)} (${e.action}${e.actorLabel === identity.name ? "" : by(e.actorLabel)}) but is not in the inventory; nobody owns it yet.`,
      detail: { via: e.logName, action: e.action }, eventIds: [e.id], actorEmail: e.actorEmail, at: e.occurredAt,
    };
  }
  return {
    kind: "NEW_IDENTITY", identityId: identity.id, severity: identity.privileged ? "HIGH" : "LOW",
    sentence: `${identity.name} is new in ${seen.sync.sourceName} (first seen by the sync on ${day(seen.sync.at)}).`,
    detail: { via: seen.sync.sourceName }, eventIds: [], actorEmail: seen.sync.actorEmail, at: seen.sync.at,
  };
}

/** No owner, or an owner who has left: nobody can answer for the identity. */
export function orphaned(identity: IdentityState, at: Date, eventIds: string[] = []): FindingDraft | null {
  const departed = identity.ownerId && identity.ownerStatus === "DEPARTED";
  if (identity.ownerId && !departed) return null;
  return {
    kind: "ORPHANED", identityId: identity.id, severity: identity.privileged ? "HIGH" : "MEDIUM",
    sentence: departed ? `${identity.name} is owned by ${identity.ownerName ?? "a former employee"}, who has left.` : `${identity.name} has no owner.`,
    detail: { ownerId: identity.ownerId, departed: Boolean(departed) }, eventIds, actorEmail: null, at,
  };
}

/** A permission was granted; privileged grants (admin, full access, cluster-admin, owner) are high severity. */
export function permissionExpansion(identity: IdentityState, grant: Change & { permission: string; privileged?: boolean }): FindingDraft | null {
  const privileged = grant.privileged ?? isPrivilegedPermission(grant.permission);
  return {
    kind: "PERMISSION_EXPANSION", identityId: identity.id, severity: privileged ? "HIGH" : "MEDIUM",
    sentence: `${identity.name} was granted ${permissionName(grant.permission)}${privileged ? " (privileged)" : ""}${by(grant.actorLabel)} on ${day(grant.at)}.`,
    detail: { permission: grant.permission, privileged }, eventIds: grant.eventIds, actorEmail: grant.actorEmail, at: grant.at,
  };
}

/** A new key or token now works as this identity. */
export function credentialCreated(identity: IdentityState, created: Change & { credentialId: string | null; credentialKind: CredentialKind }): FindingDraft | null {
  const label = credentialLabel[created.credentialKind];
  return {
    kind: "CREDENTIAL_CREATED", identityId: identity.id, severity: identity.privileged ? "HIGH" : "MEDIUM",
    sentence: `A new ${label}${created.credentialId ? ` ${created.credentialId}` : ""} was created for ${identity.name}${by(created.actorLabel)} on ${day(created.at)}.`,
    detail: { credentialId: created.credentialId, credentialKind: created.credentialKind }, eventIds: created.eventIds, actorEmail: created.actorEmail, at: created.at,
  };
}

type CredentialFacts = { externalId: string; kind: CredentialKind; createdAt: Date | null; lastRotatedAt: Date | null; expiresAt: Date | null };

/** Scheduled: a credential not rotated within the maximum age. */
export function credentialMaxAge(identity: IdentityState, credential: CredentialFacts, now: Date, params: RuleParams): FindingDraft | null {
  const maxAgeDays = params.maxAgeDays ?? 90;
  const since = credential.lastRotatedAt ?? credential.createdAt;
  if (!since) return null;
  const age = daysBetween(since, now);
  if (age < maxAgeDays) return null;
  return {
    kind: "CREDENTIAL_MAX_AGE", identityId: identity.id, severity: age >= 2 * maxAgeDays || identity.privileged ? "HIGH" : "MEDIUM",
    sentence: `The ${credentialLabel[credential.kind]} ${credential.externalId} of ${identity.name} is ${plural(age, "day")} old (policy: rotate within ${maxAgeDays} days).`,
    detail: { credentialId: credential.externalId, ageDays: age, maxAgeDays }, eventIds: [], actorEmail: null, at: now,
  };
}

/** Scheduled: a credential that stops working within the warning window (already expired ones are not "expiring"). */
export function credentialExpiring(identity: IdentityState, credential: CredentialFacts, now: Date, params: RuleParams): FindingDraft | null {
  const withinDays = params.withinDays ?? 14;
  if (!credential.expiresAt || credential.expiresAt <= now) return null;
  const left = Math.ceil((credential.expiresAt.getTime() - now.getTime()) / 86_400_000);
  if (left > withinDays) return null;
  return {
    kind: "CREDENTIAL_EXPIRING", identityId: identity.id, severity: left <= 3 ? "HIGH" : "MEDIUM",
    sentence: `The ${credentialLabel[credential.kind]} ${credential.externalId} of ${identity.name} expires in ${plural(left, "day")}, on ${day(credential.expiresAt)}.`,
    detail: { credentialId: credential.externalId, daysLeft: left, withinDays }, eventIds: [], actorEmail: null, at: now,
  };
}
