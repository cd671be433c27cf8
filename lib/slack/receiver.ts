import { after } from "next/server";
import { getSlackApp } from "@/lib/slack/app";
import { handleSlackHttp } from "@/lib/slack/http-handler";

/**
 * The Next.js side of the Slack endpoint: the only Slack file that touches next/*. Work a listener
 * does after acking (decide, update the message) continues past the response through `after`.
 */
export function handleSlackRequest(request: Request): Promise<Response> {
  return handleSlackHttp(request, getSlackApp, (work) => after(() => work));
}
