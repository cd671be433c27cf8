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

function toResponse(value: unknown): Response {
  if (value === undefined || value === null || value === "") return new Response(null, { status: 200 });
  if (typeof value === "string") return new Response(value, { status: 200, headers: { "content-type": "text/plain; charset=utf-8" } });
  return Response.json(value, { status: 200 });
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
  const response = Promise.race([acked, timeout]).then(toResponse);
  return { response, done };
}

/**
 * The one Slack Request URL (events, interactivity, slash commands): verify the signature on the raw
 * body (401 otherwise, nothing parsed), answer url_verification, then dispatch to the listeners.
 * A retried delivery (`x-slack-retry-num`) is processed like the first: decide() claims an item once,
 * so a retry cannot make a second decision, and listeners stay quiet about "already answered" on retries.
 */
export async function handleSlackHttp(request: Request, app: () => App, defer: Defer): Promise<Response> {
  noteSlackRequest();
  if (!slackConfigured()) return Response.json({ error: { code: "NOT_FOUND", message: "Slack is not configured on this server." } }, { status: 404 });
  const rawBody = await request.text();
  const check = verifySlackSignature({
    signingSecret: slackConfig().signingSecret,
    rawBody,
    timestamp: request.headers.get("x-slack-request-timestamp"),
    signature: request.headers.get("x-slack-signature"),
  });
  if (!check.ok) return Response.json({ error: { code: "UNAUTHENTICATED", message: `Slack signature check failed: ${check.reason}.` } }, { status: 401 });

  const parsed = parseSlackBody(rawBody, request.headers.get("content-type"));
  if (!parsed) return Response.json({ error: { code: "INVALID", message: "Unreadable Slack request body." } }, { status: 400 });
  if (parsed.kind === "url_verification") return Response.json({ challenge: parsed.challenge });
  if (parsed.kind === "ssl_check") return new Response(null, { status: 200 });

  const retry = request.headers.get("x-slack-retry-num");
  const { response, done } = dispatchToBolt(app(), parsed.body, {
    retryNum: retry && /^\d+$/.test(retry) ? Number(retry) : undefined,
    retryReason: request.headers.get("x-slack-retry-reason") ?? undefined,
  });
  defer(done);
  return response;
}
