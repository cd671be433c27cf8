import { z } from "zod";
import { prefixedId } from "@/lib/ids";
import { IdentityKind } from "@/prisma/generated/enums";

/** "" (a form's empty select) and null both mean "any" / "nobody". */
const optionalId = (prefix: string) => z.union([prefixedId(prefix), z.literal(""), z.null()]).optional().transform((v) => v || null);
const optionalText = (max: number, what: string) =>
  z.union([z.string().trim().max(max, `Keep the ${what} under ${max} characters`), z.null()]).optional().transform((v) => v || null);

/**
 * The fields of an ownership rule. Conditions left empty match everything; all given conditions
 * must hold. Kept without defaults so that `.partial()` (PATCH) leaves absent fields absent.
 */
export const ownerRuleFields = z.object({
  name: z.string().trim().min(1, "Give the rule a name").max(120, "Keep the name under 120 characters"),
  enabled: z.boolean().optional(),
  sourceId: optionalId("src"),
  kind: z.union([z.enum(IdentityKind), z.literal(""), z.null()]).optional().transform((v) => v || null),
  /** glob over the name or the externalId: `*` any run of characters, `?` one character */
  pattern: optionalText(500, "pattern"),
  tagKey: optionalText(200, "tag key"),
  /** empty: the tag only has to be present */
  tagValue: optionalText(200, "tag value"),
  ownerUserId: optionalId("usr"),
  ownerTeamId: optionalId("tem"),
});

export type OwnerRuleDefinition = {
  name: string; enabled: boolean; sourceId: string | null; kind: IdentityKind | null; pattern: string | null;
  tagKey: string | null; tagValue: string | null; ownerUserId: string | null; ownerTeamId: string | null;
};

/** What makes a complete rule invalid, as [field, message] pairs (shared by create and PATCH). */
export function ruleProblems(rule: Pick<OwnerRuleDefinition, "tagKey" | "tagValue" | "ownerUserId" | "ownerTeamId">): [keyof OwnerRuleDefinition, string][] {
  const problems: [keyof OwnerRuleDefinition, string][] = [];
  if (!rule.ownerUserId && !rule.ownerTeamId) problems.push(["ownerUserId", "Choose an owner or a team"]);
  if (rule.tagValue && !rule.tagKey) problems.push(["tagKey", "Name the tag the value belongs to"]);
  return problems;
}

/** A new rule: the Settings → Ownership rules form, its server action and `POST /api/v1/owner-rules`. */
export const ownerRuleInput = ownerRuleFields.superRefine((rule, ctx) => {
  for (const [path, message] of ruleProblems(rule)) ctx.addIssue({ code: "custom", path: [path], message });
});
export type OwnerRuleInput = z.infer<typeof ownerRuleInput>;

/**
 * `PATCH /api/v1/owner-rules/{id}` and the edit form: any subset of the fields (merged with the
 * stored rule and checked again as a whole), and/or `position` (1 = first) to move the rule.
 */
export const ownerRulePatch = ownerRuleFields.partial().extend({
  position: z.number().int("position is a whole number").min(1, "position starts at 1").optional(),
});
export type OwnerRulePatch = z.infer<typeof ownerRulePatch>;

export const ownerRuleIdParams = z.object({ id: prefixedId("own") });

/** The edit form sends the rule's id beside its fields. */
export const updateOwnerRuleInput = ownerRuleInput.and(z.object({ id: prefixedId("own") }));
export const ownerRuleIdInput = z.object({ id: prefixedId("own") });
export const moveOwnerRuleInput = z.object({ id: prefixedId("own"), direction: z.enum(["up", "down"]) });
