import { randomUUID } from "node:crypto";
import { z } from "zod";
import { DomainError } from "@/lib/errors";
import type { SlackClient } from "@/lib/slack/client";
import { ephemeralText } from "@/lib/slack/blocks/pending-list";

/** Where a person clicked: their Slack id and, for messages, the conversation (App Home has none). */
export type Where = { slackUserId: string; channel?: string; ts?: string };

/** What people see for a failure: a domain error's own sentence, otherwise an id to quote to an admin. */
export function userMessageFor(error: unknown): string {
  if (error instanceof DomainError) return error.userMessage;
  if (error instanceof z.ZodError) return error.issues[0]?.message ?? "That input was not valid.";
  const errorId = randomUUID();
  console.error(`[slack] error ${errorId}`, error);
  return `Sorry, something went wrong on our side (error id ${errorId}). Please try again, or answer on the web.`;
}

/**
 * A sentence only the clicker sees: an ephemeral message where they clicked, or a DM from the app
 * when the click came from App Home (no conversation to be ephemeral in).
 */
export async function tellUser(client: SlackClient, where: Where, text: string): Promise<void> {
  const { blocks } = ephemeralText(text);
  try {
    if (where.channel) {
      await client.chat.postEphemeral({ channel: where.channel, user: where.slackUserId, text, blocks });
      return;
    }
    await client.chat.postMessage({ channel: where.slackUserId, text, blocks });
  } catch (error) {
    console.error("[slack] could not tell the user", error instanceof Error ? error.message : error);
  }
}
