import { randomUUID } from "node:crypto";
import type { App } from "@slack/bolt";
import { slackConfig, slackConfigured } from "@/lib/slack/config";
import { parseSlackBody } from "@/lib/slack/parse-body";
import { verifySlackSignature } from "@/lib/slack/verify-request";
import { noteSlackRequest } from "@/lib/slack/ack-first";

/** Slack gives up after 3 seconds; answer a little before that even if a listener has not acked. */
export const ACK_DEADLINE_MS = 2_500;

/** Keeps work running after the response is sent (Next's `after` in the route; a collector in tests). */
export type Defer = (work: Promise<unknown>) => void;

/** An answer to Slack before it becomes an HTTP response: status, and a body (text, JSON or none). */
export type SlackAnswer = { status: number; json?: unknown; text?: string };

function toAnswer(value: unknown): SlackAnswer {
  if (value === undefined || value === null || value === "") return { status: 200 };
  if (typeof value === "string") return { status: 200, text: value };
  return { status: 200, json: value };
}

/**
 * The answer's HTTP body and headers, for both adapters (the Next route, the Node server). Slack's
 * answers are a few bytes: gzipping them costs more than it saves, and `no-transform` tells a
 * compressing server or proxy to leave them alone.
 */
export function answerHttp(answer: SlackAnswer): { status: number; body: string; headers: Record<string, string> } {
  const headers: Record<string, string> = { "cache-control": "no-store, no-transform" };
  if (answer.json !== undefined) return { status: answer.status, body: JSON.stringify(answer.json), headers: { ...headers, "content-type": "application/json" } };
  if (answer.text !== undefined) return { status: answer.status, body: answer.text, headers: { ...headers, "content-type": "text/plain; charset=utf-8" } };
  return { status: answer.status, body: "", headers };
}

/**
 * Hands one verified body to Bolt. The response is whatever the listener passes to `ack()` (empty,
 * an ephemeral reply, or view errors) as soon as it acks; the rest of the listener (decide, update
 * the message) finishes after the response, inside `done`.
 */
export function dispatchToBolt(app: App, body: Record<string, unknown>, options: { retryNum?: number; retryReason?: string } = {}) {
  let answer!: (value: unknown) => void;
  const acked = new Promise<unknown>((resolve) => (answer = resolve));
  let ackedAlready = false;
  const done = app
    .processEvent({
      body,
      retryNum: options.retryNum,
      retryReason: options.retryReason,
      ack: async (response?: unknown) => {
        if (ackedAlready) return;
        ackedAlready = true;
        answer(response);
      },
    })
    .catch((error: unknown) => console.error(`[slack] listener failed (${randomUUID()})`, error))
    .finally(() => answer(undefined));
  const timeout = new Promise<unknown>((resolve) => setTimeout(() => resolve(undefined), ACK_DEADLINE_MS).unref());
  const response = Promise.race([acked, timeout]).then(toAnswer);
  return { response, done };
}

/** What the handler reads from a request: the raw body and its headers (by lower-case name). */
export type SlackRequest = { rawBody: string; header: (name: string) => string | null };

/**
 * The one Slack Request URL (events, interactivity, slash commands): verify the signature on the raw
 * body (401 otherwise, nothing parsed), answer url_verification, then dispatch to the listeners.
 * A retried delivery (`x-slack-retry-num`) is processed like the first: decide() claims an item once,
 * so a retry cannot make a second decision, and listeners stay quiet about "already answered" on retries.
 * Framework-free: the Next route (`handleSlackHttp`) and the Node server (node-receiver.ts) adapt to it.
 */
export async function answerSlack(request: SlackRequest, app: () => App, defer: Defer): Promise<SlackAnswer> {
  noteSlackRequest();
  if (!slackConfigured()) return { status: 404, json: { error: { code: "NOT_FOUND", message: "Slack is not configured on this server." } } };
  const { rawBody, header } = request;
  const check = verifySlackSignature({
    signingSecret: slackConfig().signingSecret,
    rawBody,
    timestamp: header("x-slack-request-timestamp"),
    signature: header("x-slack-signature"),
  });
  if (!check.ok) return { status: 401, json: { error: { code: "UNAUTHENTICATED", message: `Slack signature check failed: ${check.reason}.` } } };

  const parsed = parseSlackBody(rawBody, header("content-type"));
  if (!parsed) return { status: 400, json: { error: { code: "INVALID", message: "Unreadable Slack request body." } } };
  if (parsed.kind === "url_verification") return { status: 200, json: { challenge: parsed.challenge } };
  if (parsed.kind === "ssl_check") return { status: 200 };

  const retry = header("x-slack-retry-num");
  const { response, done } = dispatchToBolt(app(), parsed.body, {
    retryNum: retry && /^\d+$/.test(retry) ? Number(retry) : undefined,
    retryReason: header("x-slack-retry-reason") ?? undefined,
  });
  defer(done);
  return response;
}

/** `answerSlack` for a web Request, answered with a web Response. */
export async function handleSlackHttp(request: Request, app: () => App, defer: Defer): Promise<Response> {
  const rawBody = await request.text();
  const { status, body, headers } = answerHttp(await answerSlack({ rawBody, header: (name) => request.headers.get(name) }, app, defer));
  return new Response(body || null, { status, headers });
}
