import { db } from "@/lib/db";
import { RATE_LIMIT_WINDOW_MS } from "@/lib/rate-limit/config";

export type RateLimitOutcome = { allowed: boolean; count: number; limit: number; retryAfterSeconds: number };

/**
 * Counts one request against the caller's current fixed window in PostgreSQL (one atomic upsert, so
 * several web processes share the count) and says whether it is within `limit`. The first request of
 * a new window prunes the caller's older windows, so the table stays one row per active caller.
 */
export async function consumeRateLimit(bucket: string, workspaceId: string, limit: number, now = new Date()): Promise<RateLimitOutcome> {
  const windowStart = new Date(Math.floor(now.getTime() / RATE_LIMIT_WINDOW_MS) * RATE_LIMIT_WINDOW_MS);
  const rows = await db.$queryRaw<{ count: number }[]>`
    INSERT INTO "RateLimitWindow" ("bucket", "windowStart", "workspaceId", "count")
    VALUES (${bucket}, ${windowStart}, ${workspaceId}, 1)
    ON CONFLICT ("bucket", "windowStart") DO UPDATE SET "count" = "RateLimitWindow"."count" + 1
    RETURNING "count"`;
  const count = Number(rows[0]?.count ?? 1);
  if (count === 1) await db.rateLimitWindow.deleteMany({ where: { bucket, windowStart: { lt: windowStart } } });
  const retryAfterSeconds = Math.max(1, Math.ceil((windowStart.getTime() + RATE_LIMIT_WINDOW_MS - now.getTime()) / 1000));
  return { allowed: count <= limit, count, limit, retryAfterSeconds };
}
