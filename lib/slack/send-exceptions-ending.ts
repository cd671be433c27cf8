import { db } from "@/lib/db";
import { baseUrl } from "@/lib/slack/config";
import type { SlackClient } from "@/lib/slack/client";
import { exceptionsEndingMessage } from "@/lib/slack/blocks/exceptions-ending";
import { slackUserIdFor } from "@/lib/slack/identity";

export type ExceptionsEndingRequest = { workspaceId: string; userId: string; decisionIds: string[] };

/**
 * One DM telling a person which of the exceptions they granted end soon. The exceptions job decided
 * who is told and how (lib/slack/notify-channels.ts) and audited it; this only posts.
 */
export async function sendExceptionsEnding(client: SlackClient, request: ExceptionsEndingRequest, now = new Date()): Promise<{ status: "sent" } | { status: "skipped"; why: string }> {
  const { workspaceId, userId } = request;
  const user = await db.user.findFirst({ where: { id: userId, workspaceId }, select: { id: true, workspaceId: true, role: true, email: true, status: true, slackUserId: true } });
  if (!user || user.status !== "ACTIVE") return { status: "skipped", why: "person not active" };
  const decisions = await db.decision.findMany({
    where: { workspaceId, id: { in: request.decisionIds }, kind: "EXCEPTION", deciderId: userId, exceptionUntil: { gt: now } },
    select: { itemId: true, exceptionUntil: true, justification: true, item: { select: { identity: { select: { name: true } } } } },
  });
  if (!decisions.length) return { status: "skipped", why: "no exception still ending" };
  const slackUserId = await slackUserIdFor(client, user);
  if (!slackUserId) return { status: "skipped", why: "no Slack account with this email" };
  const opened = await client.conversations.open({ users: slackUserId });
  if (!opened.channel?.id) throw new Error(`conversations.open returned no channel for ${slackUserId}`);
  const message = exceptionsEndingMessage(
    decisions.map((d) => ({ itemId: d.itemId, identityName: d.item.identity.name, until: d.exceptionUntil!, justification: d.justification ?? "" })),
    { baseUrl: baseUrl() },
  );
  await client.chat.postMessage({ channel: opened.channel.id, text: message.text, blocks: message.blocks, unfurl_links: false, unfurl_media: false });
  return { status: "sent" };
}
