import type { Actor } from "@/lib/authz/actor";
import { apiRateLimit } from "@/lib/rate-limit/config";
import { consumeRateLimit } from "@/lib/rate-limit/consume-rate-limit";

/** The bucket a caller's REST requests count against: the API key, or the signed-in person. */
export function rateLimitBucket(actor: Actor): string | null {
  if (actor.type === "API_KEY") return `key:${actor.apiKeyId}`;
  if (actor.type === "USER") return `user:${actor.userId}`;
  return null;
}

/**
 * Null when the request may proceed; otherwise the 429 answer (Retry-After + JSON error). Logged with
 * the key's id or the person's id, never the bearer secret.
 */
export async function rateLimitResponse(actor: Actor, now = new Date()): Promise<Response | null> {
  const limit = apiRateLimit();
  const bucket = rateLimitBucket(actor);
  if (limit === 0 || !bucket) return null;
  const outcome = await consumeRateLimit(bucket, actor.workspaceId, limit, now);
  if (outcome.allowed) return null;
  if (outcome.count === limit + 1) console.warn(`[rate-limit] ${bucket} (workspace ${actor.workspaceId}) passed ${limit} requests/minute; answering 429 for ${outcome.retryAfterSeconds}s`);
  return Response.json(
    { error: { code: "RATE_LIMITED", message: `Too many requests: the limit is ${limit} per minute. Retry after ${outcome.retryAfterSeconds} seconds.` } },
    { status: 429, headers: { "retry-after": String(outcome.retryAfterSeconds), "x-ratelimit-limit": String(limit), "x-ratelimit-remaining": "0" } },
  );
}
