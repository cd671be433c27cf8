/**
 * Acks first: during a burst of Slack requests, decisions wait until no request has arrived for
 * QUIET_MS (at most MAX_WAIT_MS), so deciding never delays an ack that Slack is still waiting for.
 */
const QUIET_MS = 30;
const MAX_WAIT_MS = 2_000;
let lastRequestAt = 0;

/** Called by the HTTP handler for every Slack request it receives. */
export function noteSlackRequest(now = Date.now()): void {
  lastRequestAt = now;
}

/** Resolves once the current burst of Slack requests is over (or after MAX_WAIT_MS). */
export async function afterBurst(): Promise<void> {
  const started = Date.now();
  for (let quiet = Date.now() - lastRequestAt; quiet < QUIET_MS && Date.now() - started < MAX_WAIT_MS; quiet = Date.now() - lastRequestAt) {
    await new Promise((resolve) => setTimeout(resolve, QUIET_MS - quiet));
  }
}
