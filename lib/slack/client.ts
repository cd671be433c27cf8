import { LogLevel, webApi } from "@slack/bolt";
import { slackConfig } from "@/lib/slack/config";

export type SlackClient = webApi.WebClient;

const globalForSlack = globalThis as unknown as { rollcallSlackClient?: SlackClient };

/**
 * The Web API client for outbound calls (jobs and listeners alike). On HTTP 429 the client waits the
 * `Retry-After` seconds Slack names, pausing its whole queue so other calls do not pile onto the
 * limit, then retries; other failures retry with backoff a few times before the job itself retries.
 * SLACK_API_URL points it at a local stand-in in tests.
 */
export function slackClient(): SlackClient {
  if (!globalForSlack.rollcallSlackClient) {
    const config = slackConfig();
    globalForSlack.rollcallSlackClient = createSlackClient(config.botToken, config.apiUrl);
  }
  return globalForSlack.rollcallSlackClient;
}

export function createSlackClient(token: string, slackApiUrl: string): SlackClient {
  return new webApi.WebClient(token, {
    slackApiUrl,
    logLevel: LogLevel.ERROR,
    rejectRateLimitedCalls: false,
    retryConfig: { retries: 4, factor: 2, minTimeout: 250, maxTimeout: 10_000, randomize: true },
    timeout: 10_000,
  });
}

/** Tests switch SLACK_API_URL between stand-ins; this drops the cached client. */
export function resetSlackClientForTests(): void {
  globalForSlack.rollcallSlackClient = undefined;
}
