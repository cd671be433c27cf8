// Requests in Slack's exact shapes (docs.slack.dev "interaction payloads", "slash commands", Events
// API), signed with the signing secret the way Slack signs them. Shared by db tests, e2e and the bench.
import { signedHeaders } from "../lib/slack/sign-request";

export const TEAM = { id: "T0ROLLCALL", domain: "acme" };
export const APP_ID = "A0ROLLCALL";
type SlackUserRef = { id: string; name?: string };

export type SignedRequest = { body: string; headers: Record<string, string> };

/** Interactivity arrives as a form with one `payload` field of JSON. */
export function interactive(secret: string, payload: object, nowMs = Date.now()): SignedRequest {
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return { body, headers: signedHeaders(secret, body, "form", nowMs) };
}

export function eventRequest(secret: string, payload: object, nowMs = Date.now()): SignedRequest {
  const body = JSON.stringify(payload);
  return { body, headers: signedHeaders(secret, body, "json", nowMs) };
}

export function commandRequest(secret: string, fields: Record<string, string>, nowMs = Date.now()): SignedRequest {
  const body = new URLSearchParams(fields).toString();
  return { body, headers: signedHeaders(secret, body, "form", nowMs) };
}

const userOf = (u: SlackUserRef) => ({ id: u.id, username: u.name ?? u.id.toLowerCase(), name: u.name ?? u.id.toLowerCase(), team_id: TEAM.id });
const actionTs = () => (Date.now() / 1000).toFixed(6);

/** A click on a button in a message the app posted (container = that message). */
export function buttonClick(input: { user: SlackUserRef; channel: string; messageTs: string; actionId: string; blockId: string; value: string; text?: string; triggerId: string; message?: object }) {
  return {
    type: "block_actions",
    user: userOf(input.user),
    api_app_id: APP_ID,
    token: "verification-token-unused",
    container: { type: "message", message_ts: input.messageTs, channel_id: input.channel, is_ephemeral: false },
    trigger_id: input.triggerId,
    team: TEAM,
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: input.channel, name: "directmessage" },
    message: input.message ?? { type: "message", user: "U0ROLLCALL", ts: input.messageTs, bot_id: "B0ROLLCALL", app_id: APP_ID, text: "", blocks: [] },
    state: { values: {} },
    response_url: `https://hooks.slack.com/actions/${TEAM.id}/1/${input.messageTs.replace(".", "")}`,
    actions: [{ action_id: input.actionId, block_id: input.blockId, text: { type: "plain_text", text: input.text ?? input.actionId, emoji: true }, value: input.value, type: "button", action_ts: actionTs() }],
  };
}

/** A choice in an overflow menu. */
export function overflowChoice(input: { user: SlackUserRef; channel: string; messageTs: string; blockId: string; value: string; label: string; triggerId: string }) {
  const click = buttonClick({ ...input, actionId: "review.more", value: input.value });
  return {
    ...click,
    actions: [{ type: "overflow", action_id: "review.more", block_id: input.blockId, selected_option: { text: { type: "plain_text", text: input.label, emoji: true }, value: input.value }, action_ts: actionTs() }],
  };
}

/** A modal submitted: the view Slack echoes back, with `state.values[block_id][action_id]`. */
export function viewSubmission(input: { user: SlackUserRef; view: Record<string, unknown>; values: Record<string, Record<string, unknown>>; triggerId: string }) {
  return {
    type: "view_submission",
    team: TEAM,
    user: userOf(input.user),
    api_app_id: APP_ID,
    token: "verification-token-unused",
    trigger_id: input.triggerId,
    view: {
      id: "V0MODAL",
      team_id: TEAM.id,
      app_id: APP_ID,
      bot_id: "B0ROLLCALL",
      hash: "1700000000.abcdef",
      root_view_id: "V0MODAL",
      previous_view_id: null,
      clear_on_close: false,
      notify_on_close: false,
      external_id: "",
      ...input.view,
      state: { values: input.values },
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}

export function slashCommand(input: { user: SlackUserRef; text?: string; channel?: string; triggerId: string }): Record<string, string> {
  return {
    token: "verification-token-unused",
    team_id: TEAM.id,
    team_domain: TEAM.domain,
    channel_id: input.channel ?? "C0GENERAL",
    channel_name: "general",
    user_id: input.user.id,
    user_name: input.user.name ?? input.user.id.toLowerCase(),
    command: "/rollcall",
    text: input.text ?? "",
    api_app_id: APP_ID,
    is_enterprise_install: "false",
    response_url: `https://hooks.slack.com/commands/${TEAM.id}/1/abc`,
    trigger_id: input.triggerId,
  };
}

export function appHomeOpened(input: { user: SlackUserRef }) {
  return {
    token: "verification-token-unused",
    team_id: TEAM.id,
    api_app_id: APP_ID,
    event: { type: "app_home_opened", user: input.user.id, channel: `D${input.user.id.slice(1)}`, tab: "home", event_ts: actionTs() },
    type: "event_callback",
    event_id: `Ev${Date.now()}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: TEAM.id, user_id: "U0ROLLCALL", is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  };
}

export function globalShortcut(input: { user: SlackUserRef; callbackId: string; triggerId: string }) {
  return { type: "shortcut", token: "verification-token-unused", action_ts: actionTs(), team: TEAM, user: userOf(input.user), is_enterprise_install: false, enterprise: null, callback_id: input.callbackId, trigger_id: input.triggerId };
}

export const urlVerification = (challenge: string) => ({ token: "verification-token-unused", challenge, type: "url_verification" });
