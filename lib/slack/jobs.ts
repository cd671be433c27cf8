import { z } from "zod";
import { defineJob } from "@/lib/jobs/define-job";
import { prefixedId } from "@/lib/ids";
import { slackConfigured } from "@/lib/slack/config";
import { slackClient } from "@/lib/slack/client";
import { sendDigest } from "@/lib/slack/send-digest";
import { refreshMessagesForItem, refreshStoredMessage } from "@/lib/slack/refresh-message";
import { sendExceptionsEnding } from "@/lib/slack/send-exceptions-ending";

/**
 * One person's pending reviews as DMs (ten items a message, five messages at most). Enqueued per
 * person by enqueueSlackDigest(s) — from the reviews jobs (assigned, reminder, escalation), the App
 * Home button and `/rollcall digest`. Does nothing when Slack is not configured.
 */
export const slackSendDigestJob = defineJob({
  name: "slack.send-digest",
  input: z.object({
    workspaceId: prefixedId("wsp"),
    userId: prefixedId("usr"),
    itemIds: z.array(prefixedId("itm")).max(500).optional(),
    since: z.coerce.date(),
    requested: z.boolean().default(false),
  }),
  async handle(input) {
    if (!slackConfigured()) return;
    const result = await sendDigest(slackClient(), input);
    if (result.status === "skipped" && result.why !== "nothing pending to send") console.log(`[slack] digest for ${input.userId} skipped: ${result.why}`);
  },
});

/**
 * Re-renders a Slack message after a decision made anywhere (web, API, Slack, system): the one named
 * (queued per message by enqueueSlackRefreshForItem), or else every message that lists the item.
 */
export const slackRefreshItemJob = defineJob({
  name: "slack.refresh-item",
  input: z.object({ workspaceId: prefixedId("wsp"), itemId: prefixedId("itm"), messageId: prefixedId("slk").optional() }),
  async handle({ workspaceId, itemId, messageId }) {
    if (!slackConfigured()) return;
    if (messageId) await refreshStoredMessage(slackClient(), workspaceId, messageId);
    else await refreshMessagesForItem(slackClient(), workspaceId, itemId);
  },
});

/** "Exceptions you granted end soon" as one DM per person, from the reviews.exceptions job. */
export const slackExceptionsEndingJob = defineJob({
  name: "slack.exceptions-ending",
  input: z.object({ workspaceId: prefixedId("wsp"), userId: prefixedId("usr"), decisionIds: z.array(prefixedId("dec")).min(1).max(100) }),
  async handle(input) {
    if (!slackConfigured()) return;
    const result = await sendExceptionsEnding(slackClient(), input);
    if (result.status === "skipped") console.log(`[slack] exceptions-ending for ${input.userId} skipped: ${result.why}`);
  },
});

/**
 * A Keep / Keep-all click that could not be decided in the process that received it (database
 * busy, Slack unreachable): retried here until it is; decide() makes a repeat harmless.
 */
export const slackClickJob = defineJob({
  name: "slack.click",
  input: z.object({
    slackUserId: z.string().regex(/^[UW][A-Z0-9]+$/),
    action: z.enum(["keep", "keep_all"]),
    itemIds: z.array(prefixedId("itm")).min(1).max(10),
    channel: z.string().max(40).optional(),
    ts: z.string().max(40).optional(),
    retried: z.boolean().default(false),
  }),
  async handle(input) {
    if (!slackConfigured()) return;
    // Loaded on use: handle-click → decide() → enqueue → this registry would otherwise be a cycle at import time.
    const { handleClick } = await import("@/lib/slack/handle-click");
    await handleClick(slackClient(), input);
  },
});
