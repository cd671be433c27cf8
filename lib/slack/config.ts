import { z } from "zod";

// Slack settings live here rather than in lib/env.ts so that a deployment without Slack never has to
// set them; the lead may fold this schema into lib/env.ts later.
const optional = z.string().trim().min(1).optional().catch(undefined);

const slackEnvSchema = z.object({
  SLACK_SIGNING_SECRET: optional,
  SLACK_BOT_TOKEN: z.string().trim().regex(/^xoxb-/, "must be a bot token (xoxb-…)").optional(),
  SLACK_APP_TOKEN: z.string().trim().regex(/^xapp-/, "must be an app-level token (xapp-…)").optional(),
  SLACK_API_URL: z.string().url().default("https://slack.com/api/"),
  ROLLCALL_BASE_URL: z.string().url().default("http://localhost:3000"),
});

export type SlackConfig = {
  signingSecret: string;
  botToken: string;
  appToken?: string;
  apiUrl: string;
  baseUrl: string;
};

let cached: z.infer<typeof slackEnvSchema> | undefined;

function read(): z.infer<typeof slackEnvSchema> {
  if (cached) return cached;
  const parsed = slackEnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid Slack environment:\n${lines.join("\n")}`);
  }
  cached = parsed.data;
  return cached;
}

/** True when both secrets needed for the HTTP endpoint and outbound messages are set. */
export function slackConfigured(): boolean {
  const e = read();
  return Boolean(e.SLACK_SIGNING_SECRET && e.SLACK_BOT_TOKEN);
}

/** The Slack settings, or an error naming the missing variables (callers check slackConfigured first). */
export function slackConfig(): SlackConfig {
  const e = read();
  const missing = (["SLACK_SIGNING_SECRET", "SLACK_BOT_TOKEN"] as const).filter((k) => !e[k]);
  if (missing.length) throw new Error(`Slack is not configured: set ${missing.join(" and ")}.`);
  const apiUrl = e.SLACK_API_URL.endsWith("/") ? e.SLACK_API_URL : `${e.SLACK_API_URL}/`;
  return { signingSecret: e.SLACK_SIGNING_SECRET!, botToken: e.SLACK_BOT_TOKEN!, appToken: e.SLACK_APP_TOKEN, apiUrl, baseUrl: e.ROLLCALL_BASE_URL.replace(/\/$/, "") };
}

export function baseUrl(): string {
  return read().ROLLCALL_BASE_URL.replace(/\/$/, "");
}

/** Tests change process.env between cases; this forgets what was read. */
export function resetSlackConfigForTests(): void {
  cached = undefined;
}
