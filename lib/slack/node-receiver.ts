import type { IncomingMessage, ServerResponse } from "node:http";
import type { App } from "@slack/bolt";
import { answerHttp, answerSlack, type SlackAnswer } from "@/lib/slack/http-handler";

/** Slack's requests are a few kilobytes (a view submission with every field is well under this). */
export const MAX_SLACK_BODY_BYTES = 1024 * 1024;

/** How long a stopping server waits for decisions that were acked but not yet finished. */
const DRAIN_MS = 8_000;

async function readBody(req: IncomingMessage): Promise<Buffer | null> {
  const declared = Number(req.headers["content-length"]);
  if (declared > MAX_SLACK_BODY_BYTES) return null;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_SLACK_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * The Slack Request URL served straight from Node's HTTP server, in front of Next.js (scripts/web-server.ts):
 * the same handler as the route (`answerSlack`: signature check, url_verification, Bolt listeners),
 * without the framework's routing and web-stream adaptation (nor web Request/Response objects), which cost ≈ 3 ms of CPU per request — too
 * much when a hundred owners click at once and Slack gives each request 3 seconds. Work a listener does
 * after acking runs on, and `drain()` lets a stopping server finish it.
 */
export function slackNodeReceiver(app: () => App, extraHeaders: Record<string, string> = {}) {
  const inFlight = new Set<Promise<unknown>>();
  const defer = (work: Promise<unknown>) => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  };
  const send = (res: ServerResponse, answer: SlackAnswer, more: Record<string, string> = {}) => {
    const { status, body, headers } = answerHttp(answer);
    res.writeHead(status, { ...extraHeaders, ...headers, ...more, "content-length": String(Buffer.byteLength(body)) });
    res.end(body);
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const body = await readBody(req);
      if (!body) {
        send(res, { status: 413, json: { error: { code: "PAYLOAD_TOO_LARGE", message: `A Slack request body is at most ${MAX_SLACK_BODY_BYTES} bytes.` } } }, { connection: "close" });
        return;
      }
      const header = (name: string) => {
        const value = req.headers[name];
        return typeof value === "string" ? value : null;
      };
      send(res, await answerSlack({ rawBody: body.toString("utf8"), header }, app, defer));
    } catch (error) {
      console.error("[slack] request failed:", error);
      if (!res.headersSent) send(res, { status: 500, json: { error: { code: "INTERNAL", message: "Something went wrong." } } });
      else res.destroy();
    }
  }

  /** Waits (at most DRAIN_MS) for acked work still running: decisions, message updates. */
  async function drain(): Promise<void> {
    const deadline = Date.now() + DRAIN_MS;
    while (inFlight.size && Date.now() < deadline) {
      await Promise.race([Promise.allSettled([...inFlight]), new Promise((resolve) => setTimeout(resolve, deadline - Date.now()).unref())]);
    }
  }

  return { handle, drain, pending: () => inFlight.size };
}
