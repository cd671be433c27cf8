import { route } from "@/lib/route";
import { deleteOwnerRule } from "@/lib/owner-rules/delete-owner-rule";
import { ownerRuleIdParams, ownerRulePatch } from "@/lib/owner-rules/schema";
import { updateOwnerRule } from "@/lib/owner-rules/update-owner-rule";

/** Change any fields of a rule and/or move it (`position`, 1 = tried first). */
export const PATCH = route({ permission: "inventory:write", params: ownerRuleIdParams, body: ownerRulePatch }, async ({ actor, params, body }) => {
  const { changed: _changed, ...rule } = await updateOwnerRule(actor, params.id, body);
  return rule;
});

export const DELETE = route({ permission: "inventory:write", params: ownerRuleIdParams }, async ({ actor, params }) => {
  return deleteOwnerRule(actor, params.id);
});
