import { slackEnv, resetEnvForTests } from "@/lib/env";

// The Slack variables are declared and validated in lib/env.ts (optional; the signing secret and the
// bot token go together); this file only shapes them for the Slack code.

export type SlackConfig = {
  signingSecret: string;
  botToken: string;
  appToken?: string;
  apiUrl: string;
  baseUrl: string;
};

/** True when both secrets needed for the HTTP endpoint and outbound messages are set. */
export function slackConfigured(): boolean {
  const e = slackEnv();
  return Boolean(e.SLACK_SIGNING_SECRET && e.SLACK_BOT_TOKEN);
}

/** The Slack settings, or an error naming the missing variables (callers check slackConfigured first). */
export function slackConfig(): SlackConfig {
  const e = slackEnv();
  const missing = (["SLACK_SIGNING_SECRET", "SLACK_BOT_TOKEN"] as const).filter((k) => !e[k]);
  if (missing.length) throw new Error(`Slack is not configured: set ${missing.join(" and ")}.`);
  const apiUrl = e.SLACK_API_URL.endsWith("/") ? e.SLACK_API_URL : `${e.SLACK_API_URL}/`;
  return { signingSecret: e.SLACK_SIGNING_SECRET!, botToken: e.SLACK_BOT_TOKEN!, appToken: e.SLACK_APP_TOKEN, apiUrl, baseUrl: baseUrl() };
}

export function baseUrl(): string {
  return slackEnv().ROLLCALL_BASE_URL.replace(/\/$/, "");
}

/** Tests change process.env between cases; this forgets what was read. */
export function resetSlackConfigForTests(): void {
  resetEnvForTests();
}
