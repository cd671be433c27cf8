import { DomainError } from "@/lib/errors";
import type { SlackClient } from "@/lib/slack/client";
import { actorForSlackUser, refusalFor } from "@/lib/slack/identity";
import { decideFromSlack, keepAllUnchanged } from "@/lib/slack/decide-from-slack";
import { refreshMessageAt } from "@/lib/slack/refresh-message";
import { tellUser, userMessageFor } from "@/lib/slack/reply";

export type SlackClick = {
  slackUserId: string;
  action: "keep" | "keep_all";
  itemIds: string[];
  channel?: string;
  ts?: string;
  /** Slack redelivered the request (x-slack-retry-num): "already answered" is expected, say nothing. */
  retried: boolean;
};

/**
 * A Keep or Keep-all click, decided after the ack: map the Slack user to a Rollcall person, decide
 * through the shared command, then update the message in place. Refusals go back to the clicker as
 * ephemeral messages; anything unexpected is thrown so the slack.click job retries it, and decide()'s
 * conditional claim makes the retry harmless.
 */
export async function handleClick(client: SlackClient, click: SlackClick): Promise<void> {
  const where = { slackUserId: click.slackUserId, channel: click.channel, ts: click.ts };
  const who = await actorForSlackUser(client, click.slackUserId);
  if (!who.ok) {
    if (who.reason === "slack-error") throw new Error("users.info failed; retrying the click");
    return tellUser(client, where, refusalFor(who.reason));
  }
  if (click.action === "keep_all") {
    const { kept, skipped } = await keepAllUnchanged(who.actor, click.itemIds);
    if (skipped.length) {
      const reasons = [...new Set(skipped.map((s) => s.reason))].join("; ");
      await tellUser(client, where, `Kept ${kept.length} unchanged; ${skipped.length} not kept (${reasons}).`);
    }
  } else {
    try {
      await decideFromSlack(who.actor, { itemId: click.itemIds[0], decision: "ATTEST" });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      // A redelivery of a click that was decided: the message already shows it.
      if (click.retried && error.code === "ALREADY_DECIDED") return;
      await tellUser(client, where, userMessageFor(error));
    }
  }
  await refreshMessageAt(client, click.channel, click.ts);
}
