import { describe, expect, it } from "vitest";
import { displayPrefix, hashApiKeySecret, looksLikeApiKey, newApiKeySecret } from "@/lib/api-keys/secret";

describe("API key secrets", () => {
  it("are long, prefixed and different every time", () => {
    const a = newApiKeySecret();
    const b = newApiKeySecret();
    expect(a).toMatch(/^rk_[A-Za-z0-9_-]{40}$/);
    expect(a).not.toBe(b);
    expect(looksLikeApiKey(a)).toBe(true);
  });

  it("hash to SHA-256 hex that does not contain the secret", () => {
    const secret = newApiKeySecret();
    const hash = hashApiKeySecret(secret);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).toBe(hashApiKeySecret(secret));
    expect(hash).not.toContain(secret.slice(3, 12));
  });

  it("show only a short prefix", () => {
    expect(displayPrefix("rk_abcdefghijklmnop")).toBe("rk_abcdef");
  });

  it.each(["", "rk_short", "Bearer rk_x", "sk_" + "a".repeat(40)])("reject %j as not a key", (value) => {
    expect(looksLikeApiKey(value)).toBe(false);
  });
});
