import type { DiscoveredBy, EventKind, IdentityKind, Severity, TriggerKind, UserStatus } from "@/prisma/generated/enums";

/** The identity as a trigger sees it: state before the event being evaluated. */
export type IdentityState = {
  id: string;
  name: string;
  kind: IdentityKind;
  environment: string | null;
  privileged: boolean;
  ownerId: string | null;
  ownerName: string | null;
  ownerStatus: UserStatus | null;
  owningTeamId: string | null;
  discoveredBy: DiscoveredBy;
  lastUsedAt: Date | null;
  firstSeenAt: Date;
};

/** An event as a trigger sees it: stored id plus the normalized facts. */
export type EventFacts = {
  id: string;
  occurredAt: Date;
  kind: EventKind;
  action: string;
  target: string | null;
  sourceIp: string | null;
  region: string | null;
  userAgent: string | null;
  context: string | null;
  /** who acted, as a reviewer reads it: a person's email or the principal's name */
  actorLabel: string | null;
  /** the person who acted, when the log names one (separation of duties) */
  actorEmail: string | null;
  permission: string | null;
  credentialId: string | null;
  environment: string | null;
  /** the log the event came from, as people call it ("CloudTrail") */
  logName: string;
};

/** What a trigger returns: everything a Finding row needs but ids and routing. */
export type FindingDraft = {
  kind: TriggerKind;
  identityId: string;
  severity: Severity;
  sentence: string;
  detail: Record<string, string | number | boolean | null>;
  eventIds: string[];
  /** the person whose action caused it, by email (resolved to a user when stored) */
  actorEmail: string | null;
  /** the same person when already known as a user (change records carry it) */
  actorUserId?: string | null;
  /** when it happened: event time, or the clock for scheduled rules (cooldowns are measured on it) */
  at: Date;
};

export type RuleParams = Record<string, number>;
