import { describe, expect, it } from "vitest";
import { servedOverHttps } from "@/lib/security-headers";

describe("HSTS only over https", () => {
  it.each<[string | null, string, string | undefined, boolean]>([
    [null, "http://127.0.0.1:3000/reviews", undefined, false],
    [null, "http://127.0.0.1:3000/reviews", "http://localhost:3000", false],
    ["https", "http://127.0.0.1:3000/reviews", undefined, true],
    ["https, http", "http://10.0.0.1/", undefined, true],
    ["http", "http://10.0.0.1/", undefined, false],
    [null, "https://rollcall.example.com/", undefined, true],
    [null, "http://10.0.0.1/", "https://rollcall.example.com", true],
  ])("x-forwarded-proto %s, url %s, base %s → %s", (proto, url, base, expected) => {
    expect(servedOverHttps(proto, url, base)).toBe(expected);
  });
});
