import { after } from "next/server";
import { getSlackApp } from "@/lib/slack/app";
import { handleSlackHttp } from "@/lib/slack/http-handler";

/**
 * The Next.js side of the Slack endpoint: the only Slack file that touches next/*. Work a listener
 * does after acking (decide, update the message) continues past the response through `after`.
 */
export async function handleSlackRequest(request: Request): Promise<Response> {
  const response = await handleSlackHttp(request, getSlackApp, (work) => after(() => work));
  // Slack's answers are a few bytes: gzipping them costs more than it saves, and `no-transform` tells
  // the server's compression to leave them alone.
  response.headers.set("Cache-Control", "no-store, no-transform");
  return response;
}
