import type { App, BlockAction, ButtonAction, OverflowAction } from "@slack/bolt";
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

/**
 * Every button and menu in a review message, through one listener (Bolt runs every listener's
 * middleware for every request, so one listener instead of six is cheaper per click). It acks first
 * (Slack's 3 seconds), then works.
 */
export function registerReviewActions(app: App): void {
  app.action<BlockAction>({ action_id: /^review\./ }, async ({ ack, body, action, client, context }) => {
    await ack();
    const retried = Boolean(context.retryNum);
    const value = action.type === "button" ? (action as ButtonAction).value : undefined;
    switch (action.action_id) {
      case ACTION.keep:
        return click(client, body, "keep", value, retried);
      case ACTION.keepAll:
        return click(client, body, "keep_all", value, retried);
      case ACTION.keepWithReason:
        return openModal(client, body, "KEEP", value);
      case ACTION.revoke:
        return openModal(client, body, "REVOKE", value);
      case ACTION.more: {
        if (action.type !== "overflow") return;
        const [kind = "", id] = (action as OverflowAction).selected_option.value.split(":");
        const modalKind = overflowKinds[kind];
        if (modalKind) await openModal(client, body, modalKind, id);
        return;
      }
      // Link buttons (ACTION.openWeb) still send an interaction; it only needs acknowledging.
      default:
        return;
    }
  });
}
