import { createHmac } from "node:crypto";

/**
 * Signs a body the way Slack does: what verify-request.ts compares a request's signature with, and
 * how tests, the stand-in and the benchmark send requests in Slack's exact form.
 */
export function slackSignature(signingSecret: string, timestamp: number | string, rawBody: string): string {
  return `v0=${createHmac("sha256", signingSecret).update(`v0:${timestamp}:${rawBody}`).digest("hex")}`;
}

export function signedHeaders(signingSecret: string, rawBody: string, contentType: "json" | "form", nowMs = Date.now()): Record<string, string> {
  const timestamp = Math.floor(nowMs / 1000);
  return {
    "content-type": contentType === "json" ? "application/json" : "application/x-www-form-urlencoded",
    "x-slack-request-timestamp": String(timestamp),
    "x-slack-signature": slackSignature(signingSecret, timestamp, rawBody),
  };
}
