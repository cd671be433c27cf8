import type { App, BlockAction, BlockButtonAction, BlockOverflowAction } from "@slack/bolt";
import { DomainError } from "@/lib/errors";
import { prefixedId } from "@/lib/ids";
import { baseUrl } from "@/lib/slack/config";
import type { SlackClient } from "@/lib/slack/client";
import { ACTION } from "@/lib/slack/blocks/review-message";
import { exceptionModal, keepModal, reassignModal, reduceModal, revokeModal, type ModalOrigin } from "@/lib/slack/blocks/modals";
import { actorForSlackUser, refusalFor } from "@/lib/slack/identity";
import { checkMayDecide } from "@/lib/slack/decide-from-slack";
import { runClick } from "@/lib/slack/run-click";
import { refreshMessageAt } from "@/lib/slack/refresh-message";
import { tellUser, userMessageFor, type Where } from "@/lib/slack/reply";

const itemId = prefixedId("itm");

function whereOf(body: BlockAction): Where {
  const container = body.container as { channel_id?: string; message_ts?: string } | undefined;
  return { slackUserId: body.user.id, channel: body.channel?.id ?? container?.channel_id, ts: body.message?.ts ?? container?.message_ts };
}

async function actorOrRefuse(client: SlackClient, where: Where) {
  const who = await actorForSlackUser(client, where.slackUserId);
  if (!who.ok) await tellUser(client, where, refusalFor(who.reason));
  return who.ok ? who.actor : null;
}

/** Keep and Keep-all: acked already; decided right away in this process (see run-click.ts). */
async function click(client: SlackClient, body: BlockAction, action: "keep" | "keep_all", rawIds: string | undefined, retried: boolean) {
  const where = whereOf(body);
  const ids = (rawIds ?? "").split(",").filter((id) => itemId.safeParse(id).success).slice(0, 10);
  if (!ids.length) return tellUser(client, where, "That button does not name a review item.");
  try {
    await runClick(client, { slackUserId: where.slackUserId, action, itemIds: ids, channel: where.channel, ts: where.ts, retried });
  } catch (error) {
    await tellUser(client, where, userMessageFor(error));
  }
}

type ModalKind = "KEEP" | "REVOKE" | "REDUCE" | "EXCEPTION" | "REASSIGN";

/** Revoke…, Keep… (high findings) and the overflow: check the clicker may decide, then open the modal. */
async function openModal(client: SlackClient, body: BlockAction, kind: ModalKind, rawItemId: string | undefined) {
  const where = whereOf(body);
  const actor = await actorOrRefuse(client, where);
  if (!actor) return;
  const parsed = itemId.safeParse(rawItemId);
  if (!parsed.success) return tellUser(client, where, "That button does not name a review item.");
  try {
    const { context, view } = await checkMayDecide(actor, parsed.data);
    const origin: ModalOrigin = { itemId: parsed.data, channel: where.channel, ts: where.ts };
    const ctx = { baseUrl: baseUrl(), now: new Date() };
    const modal =
      kind === "KEEP" ? keepModal(view, origin, ctx)
      : kind === "REVOKE" ? revokeModal(view, origin, ctx)
      : kind === "REDUCE" ? reduceModal(view, context.snapshot.entitlements ?? [], origin, ctx)
      : kind === "EXCEPTION" ? exceptionModal(view, origin, { ...ctx, exceptionMaxDays: context.policy.exceptionMaxDays })
      : reassignModal(view, origin, ctx);
    await client.views.open({ trigger_id: body.trigger_id, view: modal });
  } catch (error) {
    await tellUser(client, where, userMessageFor(error));
    if (error instanceof DomainError && (error.code === "ALREADY_DECIDED" || error.code === "CONFLICT")) await refreshMessageAt(client, where.channel, where.ts);
  }
}

const overflowKinds: Record<string, ModalKind> = { REDUCE: "REDUCE", EXCEPTION: "EXCEPTION", REASSIGN: "REASSIGN" };

/** Every button and menu in a review message. Each listener acks first (Slack's 3 seconds), then works. */
export function registerReviewActions(app: App): void {
  app.action<BlockButtonAction>(ACTION.keep, async ({ ack, body, action, client, context }) => {
    await ack();
    await click(client, body, "keep", action.value, Boolean(context.retryNum));
  });
  app.action<BlockButtonAction>(ACTION.keepWithReason, async ({ ack, body, action, client }) => {
    await ack();
    await openModal(client, body, "KEEP", action.value);
  });
  app.action<BlockButtonAction>(ACTION.revoke, async ({ ack, body, action, client }) => {
    await ack();
    await openModal(client, body, "REVOKE", action.value);
  });
  app.action<BlockOverflowAction>(ACTION.more, async ({ ack, body, action, client }) => {
    await ack();
    const [kind = "", id] = action.selected_option.value.split(":");
    const modalKind = overflowKinds[kind];
    if (modalKind) await openModal(client, body, modalKind, id);
  });
  app.action<BlockButtonAction>(ACTION.keepAll, async ({ ack, body, action, client, context }) => {
    await ack();
    await click(client, body, "keep_all", action.value, Boolean(context.retryNum));
  });
  // Link buttons still send an interaction; it only needs acknowledging.
  app.action(ACTION.openWeb, async ({ ack }) => ack());
}
