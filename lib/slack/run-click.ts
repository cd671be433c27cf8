import type { SlackClient } from "@/lib/slack/client";
import { enqueueSlackClick } from "@/lib/slack/enqueue-slack";
import { handleClick, type SlackClick } from "@/lib/slack/handle-click";
import { afterBurst } from "@/lib/slack/ack-first";

/**
 * Decisions run in this process right after the ack, a few at a time: a burst of clicks then waits
 * its turn instead of exhausting the database pool or starving the event loop that answers Slack.
 */
export const INLINE_CLICKS = 4;

let running = 0;
const waiting: (() => void)[] = [];

async function inSlot<T>(work: () => Promise<T>): Promise<T> {
  await afterBurst();
  if (running >= INLINE_CLICKS) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/**
 * Keep / Keep all after the ack: decided here at once (the person sees the message change within a
 * moment); if that fails for any reason but a refusal (database busy, Slack down), the click goes to
 * the slack.click job, which retries it — decide() claims an item once, so nothing is decided twice.
 */
export async function runClick(client: SlackClient, click: SlackClick): Promise<void> {
  try {
    await inSlot(() => handleClick(client, click));
  } catch (error) {
    console.error("[slack] click failed in-process; queued for retry:", error instanceof Error ? error.message : error);
    await enqueueSlackClick({ ...click, retried: true });
  }
}
