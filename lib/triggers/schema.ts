import { z } from "zod";
import { TriggerKind } from "@/prisma/generated/enums";
import { prefixedId } from "@/lib/ids";

/** Every threshold a rule can have, with the words and bounds the Triggers page shows. */
export const paramSpecs = {
  maxAgeDays: { label: "Maximum credential age (days)", min: 1, max: 3650 },
  withinDays: { label: "Warn this many days before expiry", min: 1, max: 365 },
  days: { label: "Dormant after (days unused)", min: 1, max: 3650 },
  dormantDays: { label: "Counts as reactivated after (days unused)", min: 1, max: 3650 },
  learningDays: { label: "Learning period (days of history)", min: 0, max: 365 },
  factor: { label: "Spike factor (× 30-day median)", min: 1, max: 1000 },
  minimum: { label: "Floor (never fire below)", min: 1, max: 10_000_000 },
} as const;
export type ParamName = keyof typeof paramSpecs;

/** Which thresholds each rule takes; a rule without any is just on/off with a cooldown. */
export const paramsByKind: Record<TriggerKind, ParamName[]> = {
  NEW_IDENTITY: [],
  ORPHANED: [],
  PERMISSION_EXPANSION: [],
  CREDENTIAL_CREATED: [],
  CREDENTIAL_MAX_AGE: ["maxAgeDays"],
  CREDENTIAL_EXPIRING: ["withinDays"],
  DORMANT: ["days"],
  REACTIVATED: ["dormantDays"],
  NEW_SOURCE_IP: ["learningDays"],
  NEW_REGION: ["learningDays"],
  NEW_USER_AGENT: ["learningDays"],
  TOKEN_SPIKE: ["factor", "minimum", "learningDays"],
  API_VOLUME_SPIKE: ["factor", "minimum", "learningDays"],
  HUMAN_USE: [],
  ENVIRONMENT_MISMATCH: [],
  REMEDIATION_OVERDUE: [],
  EXCEPTION_EXPIRED: [],
};

/** Rules the event and change engine evaluates; REMEDIATION_OVERDUE and EXCEPTION_EXPIRED belong to reviews. */
export const engineKinds = Object.keys(paramsByKind).filter((k) => k !== "REMEDIATION_OVERDUE" && k !== "EXCEPTION_EXPIRED") as TriggerKind[];

const paramValue = z.coerce.number({ message: "Enter a number" }).int("Use a whole number");

/** The Triggers page form, the server action and any API use this one schema. */
export const updateTriggerRuleInput = z
  .object({
    ruleId: prefixedId("trg"),
    kind: z.enum(TriggerKind),
    enabled: z.boolean(),
    cooldownHours: z.coerce.number({ message: "Enter a number" }).int("Use a whole number").min(0, "Cannot be negative").max(8760, "At most a year (8760 h)"),
    params: z.record(z.string(), paramValue),
  })
  .superRefine((input, ctx) => {
    const allowed = paramsByKind[input.kind];
    for (const [name, value] of Object.entries(input.params)) {
      if (!allowed.includes(name as ParamName)) {
        ctx.addIssue({ code: "custom", path: ["params", name], message: `This rule has no "${name}" threshold` });
        continue;
      }
      const spec = paramSpecs[name as ParamName];
      if (value < spec.min || value > spec.max) ctx.addIssue({ code: "custom", path: ["params", name], message: `Between ${spec.min} and ${spec.max}` });
    }
    for (const name of allowed) if (!(name in input.params)) ctx.addIssue({ code: "custom", path: ["params", name], message: "Required" });
  });
export type UpdateTriggerRuleInput = z.infer<typeof updateTriggerRuleInput>;

/** The dry-run panel: a date range over stored events (at most 92 days). */
export const dryRunInput = z
  .object({ from: z.iso.date("Pick a start date"), to: z.iso.date("Pick an end date") })
  .refine((r) => r.from <= r.to, { message: "The start must be on or before the end", path: ["to"] })
  .refine((r) => Date.parse(r.to) - Date.parse(r.from) <= 92 * 86_400_000, { message: "At most 92 days at a time", path: ["to"] });
export type DryRunInput = z.infer<typeof dryRunInput>;

/** Rule parameters as stored (JSON) merged over the rule's defaults; unknown or bad values fall back. */
export function effectiveParams(kind: TriggerKind, stored: unknown, defaults: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = { ...defaults };
  const raw = stored && typeof stored === "object" && !Array.isArray(stored) ? (stored as Record<string, unknown>) : {};
  for (const name of paramsByKind[kind]) {
    const v = raw[name];
    if (typeof v === "number" && Number.isFinite(v)) out[name] = v;
  }
  return out;
}

/** What each rule notices, in the words the Triggers page and the findings filter use. */
export const ruleText: Record<TriggerKind, { title: string; what: string }> = {
  NEW_IDENTITY: { title: "New identity", what: "A machine identity nobody inventoried shows up in a log (a shadow identity), or a later sync finds a new one." },
  ORPHANED: { title: "Orphaned", what: "An identity has no owner, or its owner has left." },
  PERMISSION_EXPANSION: { title: "Permission expansion", what: "A policy, role or scope is granted; privileged grants are high severity." },
  CREDENTIAL_CREATED: { title: "Credential created", what: "A new key or token starts working as the identity." },
  CREDENTIAL_MAX_AGE: { title: "Credential too old", what: "A key or token has not been rotated within the maximum age (checked nightly)." },
  CREDENTIAL_EXPIRING: { title: "Credential expiring", what: "A key, token or certificate expires soon (checked nightly)." },
  DORMANT: { title: "Dormant", what: "An identity has not been used for a long time (checked nightly)." },
  REACTIVATED: { title: "Reactivated", what: "An identity is used again after a dormant stretch." },
  NEW_SOURCE_IP: { title: "New network", what: "First use from a /24 network the identity has not used before." },
  NEW_REGION: { title: "New region", what: "First call from a cloud region (or country) the identity has not used before." },
  NEW_USER_AGENT: { title: "New client", what: "First use by a new kind of client (user-agent family), e.g. curl after months of Boto3." },
  TOKEN_SPIKE: { title: "Token spike", what: "Today's token issuances reach the factor × the 30-day median and at least the floor." },
  API_VOLUME_SPIKE: { title: "API-volume spike", what: "Today's API calls reach the factor × the 30-day median and at least the floor." },
  HUMAN_USE: { title: "Human use", what: "A machine identity signs in interactively or is used from a web browser." },
  ENVIRONMENT_MISMATCH: { title: "Outside its environment", what: "An identity declared for one environment is used in another (e.g. staging in prod)." },
  REMEDIATION_OVERDUE: { title: "Remediation overdue", what: "A revocation was not carried out within the remediation SLA." },
  EXCEPTION_EXPIRED: { title: "Exception expired", what: "A time-boxed exception ran out and the access needs a new decision." },
};
