import type { TriggerKind } from "@/prisma/generated/enums";

/** Rules every new workspace starts with; thresholds are editable on the Triggers page. */
export const defaultTriggerRules: { kind: TriggerKind; enabled: boolean; params: Record<string, number>; cooldownHours: number }[] = [
  { kind: "NEW_IDENTITY", enabled: true, params: {}, cooldownHours: 24 },
  { kind: "ORPHANED", enabled: true, params: {}, cooldownHours: 168 },
  { kind: "PERMISSION_EXPANSION", enabled: true, params: {}, cooldownHours: 1 },
  { kind: "CREDENTIAL_CREATED", enabled: true, params: {}, cooldownHours: 24 },
  { kind: "CREDENTIAL_MAX_AGE", enabled: true, params: { maxAgeDays: 90 }, cooldownHours: 720 },
  { kind: "CREDENTIAL_EXPIRING", enabled: true, params: { withinDays: 14 }, cooldownHours: 168 },
  { kind: "DORMANT", enabled: true, params: { days: 90 }, cooldownHours: 720 },
  { kind: "REACTIVATED", enabled: true, params: { dormantDays: 90 }, cooldownHours: 24 },
  { kind: "NEW_SOURCE_IP", enabled: true, params: { learningDays: 7 }, cooldownHours: 24 },
  { kind: "NEW_REGION", enabled: true, params: { learningDays: 7 }, cooldownHours: 24 },
  { kind: "NEW_USER_AGENT", enabled: false, params: { learningDays: 7 }, cooldownHours: 24 },
  { kind: "TOKEN_SPIKE", enabled: true, params: { factor: 10, minimum: 50, learningDays: 7 }, cooldownHours: 24 },
  { kind: "API_VOLUME_SPIKE", enabled: true, params: { factor: 10, minimum: 1000, learningDays: 7 }, cooldownHours: 24 },
  { kind: "HUMAN_USE", enabled: true, params: {}, cooldownHours: 24 },
  { kind: "ENVIRONMENT_MISMATCH", enabled: true, params: {}, cooldownHours: 24 },
  { kind: "REMEDIATION_OVERDUE", enabled: true, params: {}, cooldownHours: 24 },
  { kind: "EXCEPTION_EXPIRED", enabled: true, params: {}, cooldownHours: 24 },
];
