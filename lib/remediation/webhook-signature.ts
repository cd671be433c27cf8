import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Remediation webhooks carry `X-Rollcall-Signature: t=<unix seconds>,v1=<hex>` where
 * v1 = HMAC-SHA256(workspace secret, `${t}.${body}`) — the receiver recomputes it over the raw body
 * and rejects old timestamps, exactly like Stripe/Slack signatures.
 */
export function signWebhook(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  const v1 = createHmac("sha256", secret).update(`${t}.${body}`).digest("hex");
  return `t=${t},v1=${v1}`;
}

/** For receivers (and tests): true when the header matches the body and is at most `toleranceSeconds` old. */
export function verifyWebhookSignature(secret: string, body: string, header: string, now: Date, toleranceSeconds = 300): boolean {
  const parts = Object.fromEntries(header.split(",").map((p) => p.split("=", 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isFinite(t) || !parts.v1 || Math.abs(now.getTime() / 1000 - t) > toleranceSeconds) return false;
  const expected = createHmac("sha256", secret).update(`${t}.${body}`).digest();
  const given = Buffer.from(parts.v1, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}
