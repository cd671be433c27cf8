import type { App, SlackViewAction, ViewOutput } from "@slack/bolt";
import { z } from "zod";
import { decideInput, type DecisionChoice } from "@/lib/reviews/schema";
import type { SlackClient } from "@/lib/slack/client";
import { FIELD_BLOCK, MODAL } from "@/lib/slack/blocks/modals";
import { actorForSlackUser, refusalFor } from "@/lib/slack/identity";
import { decideFromSlack } from "@/lib/slack/decide-from-slack";
import { refreshMessageAt } from "@/lib/slack/refresh-message";
import { userMessageFor } from "@/lib/slack/reply";

const decisionOf: Record<string, DecisionChoice> = {
  [MODAL.keep]: "ATTEST",
  [MODAL.revoke]: "REVOKE",
  [MODAL.reduce]: "REDUCE",
  [MODAL.exception]: "EXCEPTION",
  [MODAL.reassign]: "REASSIGN",
};

/** The input a decision's refusal belongs under when decide() says no (policy limit, unknown owner, …). */
const blockForRefusal: Record<DecisionChoice, string> = {
  ATTEST: FIELD_BLOCK.justification,
  REVOKE: FIELD_BLOCK.justification,
  REDUCE: FIELD_BLOCK.removeEntitlementIds,
  EXCEPTION: FIELD_BLOCK.exceptionUntil,
  REASSIGN: FIELD_BLOCK.newOwnerEmail,
};

const origin = z.object({ itemId: z.string(), channel: z.string().optional(), ts: z.string().optional() });

type Values = ViewOutput["state"]["values"];

function readMetadata(raw: string | undefined): unknown {
  try {
    return JSON.parse(raw || "{}");
  } catch {
    return null;
  }
}
type Errors = Record<string, string>;

const text = (values: Values, block: string) => {
  const v = values[block]?.value?.value;
  return typeof v === "string" && v.trim() ? v.trim() : undefined;
};

/**
 * Reads the modal's state into the shape decideInput parses: the same schema as the web form and
 * the API. Returns errors by block id for what only Slack can get wrong (a picked person with no email).
 */
export async function stateToInput(client: SlackClient, decision: DecisionChoice, itemId: string, values: Values): Promise<{ input: Record<string, unknown> } | { errors: Errors }> {
  const input: Record<string, unknown> = { itemId, decision, justification: text(values, FIELD_BLOCK.justification) };
  if (decision === "EXCEPTION") input.exceptionUntil = values[FIELD_BLOCK.exceptionUntil]?.value?.selected_date ?? undefined;
  if (decision === "REDUCE") {
    input.removeEntitlementIds = Object.entries(values)
      .filter(([block]) => block.startsWith("entitlements_"))
      .flatMap(([, actions]) => (actions.value?.selected_options ?? []).map((o) => o.value));
  }
  if (decision === "REASSIGN") {
    const typed = text(values, FIELD_BLOCK.newOwnerEmail);
    const picked = values[FIELD_BLOCK.newOwnerUser]?.value?.selected_user ?? undefined;
    if (typed) input.newOwnerEmail = typed;
    else if (picked) {
      const info = await client.users.info({ user: picked });
      const email = (info.user as { profile?: { email?: string } } | undefined)?.profile?.email;
      if (!email) return { errors: { [FIELD_BLOCK.newOwnerUser]: "I can't see an email address for that person; type it below instead." } };
      input.newOwnerEmail = email;
    }
  }
  return { input };
}

/** Zod issues → `response_action: "errors"`, each under the input named after its field. */
export function issuesToErrors(error: z.ZodError, decision: DecisionChoice): Errors {
  const errors: Errors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "");
    const block = (FIELD_BLOCK as Record<string, string>)[field] ?? blockForRefusal[decision];
    errors[block] ??= issue.message;
  }
  return errors;
}

/** Submissions of the Keep/Revoke/Reduce/Exception/Not mine modals: validate, decide, close, update the message. */
export function registerReviewModals(app: App): void {
  app.view<SlackViewAction>({ callback_id: /^review\./, type: "view_submission" }, async ({ ack, body, view, client }) => {
    const decision = decisionOf[view.callback_id];
    const from = origin.safeParse(readMetadata(view.private_metadata));
    if (!decision || !from.success) return ack({ response_action: "errors", errors: { [FIELD_BLOCK.justification]: "This form is out of date; open it again from the message." } });
    const errorBlock = blockForRefusal[decision];
    const who = await actorForSlackUser(client, body.user.id);
    if (!who.ok) return ack({ response_action: "errors", errors: { [errorBlock]: refusalFor(who.reason) } });

    const read = await stateToInput(client, decision, from.data.itemId, view.state.values);
    if ("errors" in read) return ack({ response_action: "errors", errors: read.errors });
    const parsed = decideInput.safeParse(read.input);
    if (!parsed.success) return ack({ response_action: "errors", errors: issuesToErrors(parsed.error, decision) });
    try {
      await decideFromSlack(who.actor, parsed.data);
    } catch (error) {
      // A refusal (policy limit, closed campaign, someone else's review) stays in the open modal, under its input.
      return ack({ response_action: "errors", errors: { [errorBlock]: userMessageFor(error) } });
    }
    await ack();
    await refreshMessageAt(client, from.data.channel, from.data.ts);
  });
}
