import { afterEach, describe, expect, it } from "vitest";
import { createSlackApp } from "@/lib/slack/app";
import { resetSlackConfigForTests, slackConfig, slackConfigured } from "@/lib/slack/config";

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  resetSlackConfigForTests();
});

function setEnv(values: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetSlackConfigForTests();
}

describe("Slack configuration", () => {
  it("is off until both the signing secret and the bot token are set", () => {
    setEnv({ SLACK_SIGNING_SECRET: undefined, SLACK_BOT_TOKEN: undefined });
    expect(slackConfigured()).toBe(false);
    expect(() => slackConfig()).toThrow("Slack is not configured: set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN.");
    setEnv({ SLACK_SIGNING_SECRET: "s3cret", SLACK_BOT_TOKEN: "xoxb-1" });
    expect(slackConfigured()).toBe(true);
    expect(slackConfig()).toMatchObject({ apiUrl: "https://slack.com/api/", botToken: "xoxb-1" });
  });

  it("names a malformed variable", () => {
    setEnv({ SLACK_SIGNING_SECRET: "s3cret", SLACK_BOT_TOKEN: "xoxp-user-token" });
    expect(() => slackConfigured()).toThrow(/SLACK_BOT_TOKEN: must be a bot token/);
    setEnv({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_API_URL: "not a url" });
    expect(() => slackConfigured()).toThrow(/SLACK_API_URL/);
  });

  it("wants the signing secret and the bot token together (validated in lib/env.ts, the one place)", () => {
    setEnv({ SLACK_SIGNING_SECRET: "s3cret", SLACK_BOT_TOKEN: undefined });
    expect(() => slackConfigured()).toThrow(/SLACK_BOT_TOKEN: SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN go together/);
    setEnv({ SLACK_SIGNING_SECRET: "", SLACK_BOT_TOKEN: "xoxb-1" });
    expect(() => slackConfigured()).toThrow(/SLACK_SIGNING_SECRET: SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN go together/);
    setEnv({ SLACK_SIGNING_SECRET: "", SLACK_BOT_TOKEN: "", SLACK_APP_TOKEN: "" });
    expect(slackConfigured()).toBe(false);
    setEnv({ SLACK_SIGNING_SECRET: "s3cret", SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xoxb-not-an-app-token" });
    expect(() => slackConfigured()).toThrow(/SLACK_APP_TOKEN: must be an app-level token/);
  });

  it("builds the app for HTTP and for Socket Mode with the same listeners, without calling Slack", () => {
    setEnv({ SLACK_SIGNING_SECRET: "s3cret", SLACK_BOT_TOKEN: "xoxb-1", SLACK_API_URL: "http://127.0.0.1:9/api" });
    expect(slackConfig().apiUrl).toBe("http://127.0.0.1:9/api/");
    expect(() => createSlackApp()).not.toThrow();
    expect(() => createSlackApp({ socketMode: true, appToken: "xapp-1-A1-1-abc" })).not.toThrow();
  });
});
