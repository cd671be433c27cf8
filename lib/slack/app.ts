import { App, LogLevel, type Receiver } from "@slack/bolt";
import { slackConfig } from "@/lib/slack/config";
import { registerReviewActions } from "@/lib/slack/listeners/review-actions";
import { registerReviewModals } from "@/lib/slack/listeners/review-modals";
import { registerHomeAndCommand } from "@/lib/slack/listeners/home-and-command";

/** The HTTP route hands Bolt each verified request itself (lib/slack/http-handler.ts): nothing to start. */
const noopReceiver: Receiver = { init: () => undefined, start: async () => undefined, stop: async () => undefined };

/**
 * The Bolt app with every Rollcall listener. The same listeners serve HTTP mode (the Next route) and
 * Socket Mode (scripts/slack-socket.ts). No auth.test at start-up or per event: the bot token is
 * handed to each event as is, and SLACK_API_URL points the Web API client at a stand-in in tests.
 */
export function createSlackApp(mode: { socketMode: true; appToken: string } | { socketMode?: false; receiver?: Receiver } = {}): App {
  const config = slackConfig();
  const app = new App({
    ...(mode.socketMode ? { socketMode: true, appToken: mode.appToken } : { receiver: mode.receiver ?? noopReceiver }),
    authorize: async () => ({ botToken: config.botToken }),
    tokenVerificationEnabled: false,
    ignoreSelf: false,
    convoStore: false,
    logLevel: LogLevel.WARN,
    clientOptions: {
      slackApiUrl: config.apiUrl,
      rejectRateLimitedCalls: false,
      retryConfig: { retries: 4, factor: 2, minTimeout: 250, maxTimeout: 10_000, randomize: true },
      timeout: 10_000,
    },
  });
  registerReviewActions(app);
  registerReviewModals(app);
  registerHomeAndCommand(app);
  app.error(async (error) => {
    console.error("[slack] unhandled listener error", error);
  });
  return app;
}

const globalForSlack = globalThis as unknown as { rollcallSlackApp?: App };

/** The process-wide app for HTTP mode, built on first request (never during `next build`). */
export function getSlackApp(): App {
  globalForSlack.rollcallSlackApp ??= createSlackApp();
  return globalForSlack.rollcallSlackApp;
}

export function resetSlackAppForTests(): void {
  globalForSlack.rollcallSlackApp = undefined;
}
