import type { UserActor } from "@/lib/authz/actor";
import { assertCan } from "@/lib/authz/actor";
import { DomainError } from "@/lib/errors";
import { decide } from "@/lib/reviews/decide";
import { getDecisionContextOrThrow } from "@/lib/reviews/decision-context";
import { bulkAttest } from "@/lib/reviews/bulk-attest";
import { assertDecisionAllowed, assertMayDecide } from "@/lib/reviews/rules";
import { bulkAttestInput, decideInput, type DecideInput } from "@/lib/reviews/schema";
import { loadItemViews } from "@/lib/slack/queries";

/**
 * Before a modal opens: the same checks decide() makes on who and when (reviewer or delegate, open
 * item, active campaign), so a stranger or a late click is refused at the click, not after typing a
 * reason. decide() checks everything again on submission.
 */
export async function checkMayDecide(actor: UserActor, itemId: string, now = new Date()) {
  assertCan(actor, "reviews:decide");
  const parsed = decideInput.safeParse({ itemId, decision: "REVOKE" });
  if (!parsed.success) throw new DomainError("INVALID", "That review link is not valid.");
  const context = await getDecisionContextOrThrow(actor.workspaceId, itemId, now);
  assertMayDecide(actor, context, context.delegations, now);
  assertDecisionAllowed(context, parsed.data, context.policy, now);
  const [view] = await loadItemViews(actor.workspaceId, [itemId]);
  if (!view) throw new DomainError("NOT_FOUND", "Review item was not found.");
  return { context, view };
}

/** One decision from Slack: parsed by the shared schema, decided by the shared command, channel SLACK. */
export async function decideFromSlack(actor: UserActor, raw: unknown) {
  const input: DecideInput = decideInput.parse(raw);
  return decide(actor, input, "SLACK");
}

/**
 * "Keep all N unchanged": the shared bulk command keeps only items still open and without risk
 * findings (DESIGN.md §7), each through decide() with one batch id for the rubber-stamp metrics.
 */
export function keepAllUnchanged(actor: UserActor, itemIds: string[]) {
  return bulkAttest(actor, bulkAttestInput.parse({ itemIds }), "SLACK");
}
