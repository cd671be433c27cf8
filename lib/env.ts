import { z } from "zod";

const optional = z.string().trim().min(1).optional().catch(undefined);
/** An empty variable (`SLACK_BOT_TOKEN=`) counts as unset; a set one must be well-formed. */
const blankIsUnset = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema.optional());

/**
 * Slack (optional): the signing secret and bot token switch it on and go together; the app-level
 * token is for Socket Mode only; SLACK_API_URL points the Web API client at a stand-in in tests.
 */
const slackShape = {
  SLACK_SIGNING_SECRET: blankIsUnset(z.string().trim().min(1)),
  SLACK_BOT_TOKEN: blankIsUnset(z.string().trim().regex(/^xoxb-/, "must be a bot token (xoxb-…)")),
  SLACK_APP_TOKEN: blankIsUnset(z.string().trim().regex(/^xapp-/, "must be an app-level token (xapp-…)")),
  SLACK_API_URL: z.string().url().default("https://slack.com/api/"),
  ROLLCALL_BASE_URL: z.string().url().default("http://localhost:3000"),
};

function slackTogether(e: { SLACK_SIGNING_SECRET?: string; SLACK_BOT_TOKEN?: string }, ctx: z.RefinementCtx): void {
  if (Boolean(e.SLACK_SIGNING_SECRET) === Boolean(e.SLACK_BOT_TOKEN)) return;
  const missing = e.SLACK_SIGNING_SECRET ? "SLACK_BOT_TOKEN" : "SLACK_SIGNING_SECRET";
  ctx.addIssue({ code: "custom", path: [missing], message: "SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN go together: set both or neither" });
}

const slackEnvSchema = z.object(slackShape).superRefine(slackTogether);
export type SlackEnv = z.infer<typeof slackEnvSchema>;

const envSchema = z.object({
  ...slackShape,
  DATABASE_URL: z.string().url(),
  AUTH_SECRET: z.string().min(16).optional(),
  ROLLCALL_DEMO: z.enum(["0", "1"]).default("0"),
  OIDC_ISSUER: optional,
  OIDC_CLIENT_ID: optional,
  OIDC_CLIENT_SECRET: optional,
  OIDC_NAME: z.string().default("SSO"),
  SMTP_URL: optional,
  MAIL_FROM: z.string().default("Rollcall <rollcall@localhost>"),
  ROLLCALL_DATA_DIR: z.string().default(".data"),
}).superRefine(slackTogether);

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;
let cachedSlack: SlackEnv | undefined;

function parseOrThrow<T>(schema: z.ZodType<T>, what: string): T {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid ${what}:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

/** Reads and validates the environment once; a bad value stops the process with the variable's name. */
export function env(): Env {
  cached ??= parseOrThrow(envSchema, "environment");
  return cached;
}

/**
 * The Slack part of the environment, validated by the same rules as env() but without needing the
 * rest (the Socket Mode runner and unit tests read it alone). lib/slack/config.ts is its one reader.
 */
export function slackEnv(): SlackEnv {
  cachedSlack ??= parseOrThrow(slackEnvSchema, "Slack environment");
  return cachedSlack;
}

/** Tests change process.env between cases; this forgets what was read. */
export function resetEnvForTests(): void {
  cached = undefined;
  cachedSlack = undefined;
}

export const isDemo = () => env().ROLLCALL_DEMO === "1";
export const oidcConfigured = () => Boolean(env().OIDC_ISSUER && env().OIDC_CLIENT_ID && env().OIDC_CLIENT_SECRET);
export const smtpConfigured = () => Boolean(env().SMTP_URL);
