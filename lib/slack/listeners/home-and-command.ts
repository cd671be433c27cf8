import type { App, BlockAction, StaticSelectAction } from "@slack/bolt";
import { db } from "@/lib/db";
import type { UserActor } from "@/lib/authz/actor";
import { baseUrl } from "@/lib/slack/config";
import type { SlackClient } from "@/lib/slack/client";
import { HOME_ACTION, HOME_ITEMS, homeView, unknownUserHomeView } from "@/lib/slack/blocks/home";
import { ephemeralText, LIST_ITEMS, pendingList } from "@/lib/slack/blocks/pending-list";
import { actorForSlackUser, refusalFor } from "@/lib/slack/identity";
import { enqueueSlackDigest } from "@/lib/slack/enqueue-slack";
import { pendingItemViews, pendingSummary } from "@/lib/slack/queries";
import { tellUser, userMessageFor } from "@/lib/slack/reply";
import { setNotifyPreferenceInput } from "@/lib/slack/schema";
import { setNotifyPreference } from "@/lib/slack/set-notify-preference";

export const COMMAND = "/rollcall";
/** The global shortcut in slack/manifest.yml ("My access reviews" in the shortcut menu). */
export const SHORTCUT = "rollcall.send_digest";

const HELP = [
  "*/rollcall* — your pending access reviews (only you see the answer)",
  "*/rollcall digest* — send them to you as a message with Keep and Revoke buttons",
  "*/rollcall help* — this list",
].join("\n");

async function publishHome(client: SlackClient, slackUserId: string): Promise<void> {
  const who = await actorForSlackUser(client, slackUserId);
  if (!who.ok) {
    await client.views.publish({ user_id: slackUserId, view: unknownUserHomeView(refusalFor(who.reason)) });
    return;
  }
  const { workspaceId, userId } = who.actor;
  const now = new Date();
  const [items, summary, me] = await Promise.all([
    pendingItemViews(workspaceId, userId, HOME_ITEMS),
    pendingSummary(workspaceId, userId, now),
    db.user.findFirstOrThrow({ where: { id: userId, workspaceId }, select: { notifyVia: true } }),
  ]);
  await client.views.publish({ user_id: slackUserId, view: homeView({ items, summary, baseUrl: baseUrl(), now, notifyVia: me.notifyVia }) });
}

/** Slow work goes to a job: the DMs are posted by slack.send-digest, not inside the request. Asked for, so sent whatever the preference. */
async function requestDigest(actor: UserActor): Promise<void> {
  await db.$transaction((tx) => enqueueSlackDigest(tx, { workspaceId: actor.workspaceId, userId: actor.userId, requested: true }));
}

/** App Home (published on app_home_opened), its buttons, the global shortcut and the /rollcall slash command. */
export function registerHomeAndCommand(app: App): void {
  app.event("app_home_opened", async ({ event, client }) => {
    if (event.tab !== "home") return;
    await publishHome(client, event.user);
  });

  // The Home tab's buttons and menu, through one listener (cheaper per request than three).
  app.action<BlockAction>({ action_id: /^home\./ }, async ({ ack, body, action, client }) => {
    await ack();
    // The link button (HOME_ACTION.openWeb) still sends an interaction; it only needs acknowledging.
    if (action.action_id !== HOME_ACTION.sendDigest && action.action_id !== HOME_ACTION.notifyVia) return;
    const where = { slackUserId: body.user.id };
    const who = await actorForSlackUser(client, body.user.id);
    if (!who.ok) return tellUser(client, where, refusalFor(who.reason));
    if (action.action_id === HOME_ACTION.sendDigest) {
      await requestDigest(who.actor);
      return tellUser(client, where, "On its way: your pending reviews will arrive here as messages with Keep and Revoke buttons.");
    }
    const choice = action.type === "static_select" ? (action as StaticSelectAction).selected_option.value : undefined;
    const parsed = setNotifyPreferenceInput.safeParse({ notifyVia: choice });
    if (!parsed.success) return tellUser(client, where, "That is not one of the choices.");
    await setNotifyPreference(who.actor, parsed.data);
    await publishHome(client, body.user.id);
  });

  app.shortcut(SHORTCUT, async ({ ack, body, client }) => {
    await ack();
    const where = { slackUserId: body.user.id };
    const who = await actorForSlackUser(client, body.user.id);
    if (!who.ok) return tellUser(client, where, refusalFor(who.reason));
    await requestDigest(who.actor);
    await tellUser(client, where, "On its way: your pending reviews will arrive here as messages with Keep and Revoke buttons.");
  });

  app.command(COMMAND, async ({ command, ack, client }) => {
    const word = command.text.trim().toLowerCase();
    if (word === "help") return ack(ephemeralText(HELP));
    const who = await actorForSlackUser(client, command.user_id);
    if (!who.ok) return ack(ephemeralText(refusalFor(who.reason)));
    if (word === "digest") {
      try {
        await requestDigest(who.actor);
      } catch (error) {
        return ack(ephemeralText(userMessageFor(error)));
      }
      return ack(ephemeralText("On its way: your pending reviews will arrive as a direct message from Rollcall."));
    }
    if (word) return ack(ephemeralText(`I don't know “${word.slice(0, 40)}”.\n${HELP}`));
    const now = new Date();
    const [items, summary] = await Promise.all([pendingItemViews(who.actor.workspaceId, who.actor.userId, LIST_ITEMS), pendingSummary(who.actor.workspaceId, who.actor.userId, now)]);
    await ack(pendingList({ items, summary, baseUrl: baseUrl(), now }));
  });
}
