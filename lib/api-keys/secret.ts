import { createHash, randomBytes } from "node:crypto";

const PREFIX = "rk_";

/** A new bearer secret: `rk_` + 40 url-safe random characters (240 bits). */
export function newApiKeySecret(): string {
  return PREFIX + randomBytes(30).toString("base64url");
}

/** Only this digest is stored; a database leak does not hand out working keys. */
export function hashApiKeySecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/** What lists show so people can tell keys apart without the secret. */
export function displayPrefix(secret: string): string {
  return secret.slice(0, PREFIX.length + 6);
}

export function looksLikeApiKey(value: string): boolean {
  return value.startsWith(PREFIX) && value.length === PREFIX.length + 40;
}
