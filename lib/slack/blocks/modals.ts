import type { Block, SlackEntitlementView, SlackItemView } from "@/lib/slack/blocks/types";
import { LIMITS } from "@/lib/slack/blocks/limits";
import { itemText } from "@/lib/slack/blocks/item-text";
import { clip } from "@/lib/slack/blocks/words";

/** callback_id of each modal; the view_submission listener maps its state into decideInput. */
export const MODAL = {
  keep: "review.keep",
  revoke: "review.revoke",
  reduce: "review.reduce",
  exception: "review.exception",
  reassign: "review.reassign",
} as const;

/**
 * Block ids of the inputs, named after the decideInput field they fill so that a validation issue
 * on a field is shown under the right input (`response_action: "errors"`).
 */
export const FIELD_BLOCK = {
  justification: "justification",
  exceptionUntil: "exception_until",
  removeEntitlementIds: "entitlements_0",
  newOwnerEmail: "new_owner_email",
  newOwnerUser: "new_owner_user",
} as const;

/** Where the modal came from, so the message can be updated in place after the submission. */
export type ModalOrigin = { itemId: string; channel?: string; ts?: string };

export type ModalContext = { baseUrl: string; now: Date };

const plain = (text: string) => ({ type: "plain_text" as const, text, emoji: true });
const mrkdwn = (text: string) => ({ type: "mrkdwn", text });
const MAX_ENTITLEMENT_GROUPS = 90;

function modal(callbackId: string, title: string, submit: string | null, origin: ModalOrigin, blocks: Block[]) {
  return {
    type: "modal" as const,
    callback_id: callbackId,
    title: plain(clip(title, LIMITS.viewTitle)),
    ...(submit ? { submit: plain(clip(submit, LIMITS.viewButton)) } : {}),
    close: plain("Cancel"),
    private_metadata: JSON.stringify(origin),
    blocks,
  };
}

const summary = (item: SlackItemView, ctx: ModalContext): Block => ({ type: "section", block_id: "item", text: mrkdwn(itemText(item, ctx.baseUrl, ctx.now)) });

function reasonInput(label: string, optional: boolean, hint?: string): Block {
  return {
    type: "input",
    block_id: FIELD_BLOCK.justification,
    optional,
    label: plain(label),
    element: { type: "plain_text_input", action_id: "value", multiline: true, max_length: 2000 },
    ...(hint ? { hint: plain(hint) } : {}),
  };
}

/** Keep, for an item with high-severity findings: the rules ask for a reason. */
export function keepModal(item: SlackItemView, origin: ModalOrigin, ctx: ModalContext) {
  return modal(MODAL.keep, "Keep access", "Keep", origin, [
    summary(item, ctx),
    reasonInput("Why should it stay as it is?", false, "This identity has high-severity findings, so keeping it needs a reason."),
  ]);
}

export function revokeModal(item: SlackItemView, origin: ModalOrigin, ctx: ModalContext) {
  return modal(MODAL.revoke, "Revoke access", "Revoke", origin, [
    summary(item, ctx),
    { type: "context", block_id: "what", elements: [mrkdwn("Rollcall opens a remediation task to remove this access; the next inventory sync verifies it is gone.")] },
    reasonInput("Reason (optional)", true),
  ]);
}

/** Reduce: the item's entitlements as checkboxes, ten to a group (Slack's limit per checkbox element). */
export function reduceModal(item: SlackItemView, entitlements: SlackEntitlementView[], origin: ModalOrigin, ctx: ModalContext) {
  if (!entitlements.length) {
    return modal(MODAL.reduce, "Reduce access", null, origin, [
      summary(item, ctx),
      { type: "section", block_id: "none", text: mrkdwn("No entitlements were recorded for this identity. Choose *Revoke* or *Exception* instead.") },
    ]);
  }
  const groups: Block[] = [];
  for (let i = 0; i < entitlements.length && groups.length < MAX_ENTITLEMENT_GROUPS; i += LIMITS.checkboxOptions) {
    const chunk = entitlements.slice(i, i + LIMITS.checkboxOptions);
    groups.push({
      type: "input",
      block_id: `entitlements_${groups.length}`,
      optional: true,
      label: plain(groups.length === 0 ? "Entitlements to remove" : `More entitlements (${i + 1}–${i + chunk.length})`),
      element: {
        type: "checkboxes",
        action_id: "value",
        options: chunk.map((e) => {
          const flags = [e.privileged ? "privileged" : null, e.canMint ? "can mint credentials" : null].filter(Boolean).join(" · ");
          return {
            text: plain(clip(e.resource && e.resource !== "*" ? `${e.name} on ${e.resource}` : e.name, LIMITS.optionText)),
            value: e.id,
            ...(flags ? { description: plain(flags) } : {}),
          };
        }),
      },
    });
  }
  const shown = Math.min(entitlements.length, MAX_ENTITLEMENT_GROUPS * LIMITS.checkboxOptions);
  const blocks: Block[] = [summary(item, ctx), ...groups];
  if (shown < entitlements.length) {
    blocks.push({ type: "context", block_id: "more", elements: [mrkdwn(`Showing ${shown} of ${entitlements.length} entitlements; reduce the rest on the web.`)] });
  }
  blocks.push(reasonInput("Reason (optional)", true));
  return modal(MODAL.reduce, "Reduce access", "Remove selected", origin, blocks);
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** The latest date an exception may end under the workspace policy (its UTC midnight is within the limit). */
export function exceptionMaxDate(now: Date, exceptionMaxDays: number): string {
  return isoDay(new Date(now.getTime() + exceptionMaxDays * 86_400_000));
}

/**
 * Exception: a reason and an end date. Slack's date picker has no maximum, so the policy limit is
 * stated in the hint and enforced on submission (decide() refuses; the error lands under the picker).
 */
export function exceptionModal(item: SlackItemView, origin: ModalOrigin, ctx: ModalContext & { exceptionMaxDays: number }) {
  const maxDate = exceptionMaxDate(ctx.now, ctx.exceptionMaxDays);
  const suggested = isoDay(new Date(ctx.now.getTime() + Math.min(30, ctx.exceptionMaxDays) * 86_400_000));
  return modal(MODAL.exception, "Grant an exception", "Grant exception", origin, [
    summary(item, ctx),
    reasonInput("Why is the access still needed?", false, "At least 10 characters. Rollcall opens a new review when the exception ends."),
    {
      type: "input",
      block_id: FIELD_BLOCK.exceptionUntil,
      label: plain("Until"),
      element: { type: "datepicker", action_id: "value", initial_date: suggested, placeholder: plain("Choose a date") },
      hint: plain(`At the latest ${maxDate} (workspace policy: ${ctx.exceptionMaxDays} days).`),
    },
  ]);
}

/** Not mine: name the owner (Slack user picker or email) and say how you know. */
export function reassignModal(item: SlackItemView, origin: ModalOrigin, ctx: ModalContext) {
  return modal(MODAL.reassign, "Not mine", "Pass it on", origin, [
    summary(item, ctx),
    { type: "context", block_id: "what", elements: [mrkdwn("Rollcall moves this review to the person you name and records the change of owner.")] },
    { type: "input", block_id: FIELD_BLOCK.newOwnerUser, optional: true, label: plain("Owner in Slack"), element: { type: "users_select", action_id: "value", placeholder: plain("Choose a person") } },
    { type: "input", block_id: FIELD_BLOCK.newOwnerEmail, optional: true, label: plain("…or their email"), element: { type: "email_text_input", action_id: "value", placeholder: plain("name@example.com") } },
    reasonInput("How do you know?", false, "At least 10 characters, e.g. “Team Payments runs this job since March”."),
  ]);
}
