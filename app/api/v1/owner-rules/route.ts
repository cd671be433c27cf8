import { route } from "@/lib/route";
import { createOwnerRule } from "@/lib/owner-rules/create-owner-rule";
import { listOwnerRulesWithCounts } from "@/lib/owner-rules/queries";
import { ownerRuleInput } from "@/lib/owner-rules/schema";

/** The workspace's ownership rules in evaluation order, with how many identities each matches and owns now. */
export const GET = route({ permission: "inventory:read" }, async ({ actor }) => {
  const rules = await listOwnerRulesWithCounts(actor.workspaceId);
  return { rules: rules.map(({ owner: _owner, team: _team, source: _source, order, ...rule }) => ({ ...rule, position: order })) };
});

/** A new rule, tried after the existing ones. */
export const POST = route({ permission: "inventory:write", body: ownerRuleInput }, async ({ actor, body }) => {
  const rule = await createOwnerRule(actor, body);
  return Response.json(rule, { status: 201 });
});
