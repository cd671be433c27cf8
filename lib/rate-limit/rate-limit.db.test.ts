import { afterEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { createUser, createWorkspace } from "@/prisma/factories";
import { hashApiKeySecret, newApiKeySecret } from "@/lib/api-keys/secret";
import { consumeRateLimit } from "@/lib/rate-limit/consume-rate-limit";
import { apiRateLimit, DEFAULT_API_RATE_LIMIT } from "@/lib/rate-limit/config";
import { rateLimitResponse } from "@/lib/rate-limit/rate-limit-response";
import { route } from "@/lib/route";

// next-auth cannot load outside Next; these requests authenticate with API keys, so no session is looked up.
vi.mock("@/lib/auth", () => ({ currentActor: async () => null }));

const noParams = { params: Promise.resolve({}) };

async function newKey(workspaceId: string, scopes = ["audit:read"]) {
  const secret = newApiKeySecret();
  const key = await db.apiKey.create({ data: { workspaceId, name: "limited", prefix: secret.slice(0, 9), hash: hashApiKeySecret(secret), scopes } });
  return { secret, id: key.id };
}
// A REST handler wrapped exactly as app/api/v1/**/route.ts wraps theirs.
const verifyAudit = route({ permission: "audit:read" }, async () => ({ ok: true }));
const call = (secret: string) => verifyAudit(new Request("http://rollcall.test/api/v1/audit/verify", { headers: { authorization: `Bearer ${secret}` } }), noParams);

afterEach(() => {
  delete process.env.ROLLCALL_API_RATE_LIMIT;
});

describe("API rate limits", () => {
  it("reads the limit from ROLLCALL_API_RATE_LIMIT, 600/minute by default, and names a bad value", () => {
    expect(apiRateLimit({})).toBe(DEFAULT_API_RATE_LIMIT);
    expect(DEFAULT_API_RATE_LIMIT).toBe(600);
    expect(apiRateLimit({ ROLLCALL_API_RATE_LIMIT: "5" })).toBe(5);
    expect(apiRateLimit({ ROLLCALL_API_RATE_LIMIT: "0" })).toBe(0);
    expect(() => apiRateLimit({ ROLLCALL_API_RATE_LIMIT: "lots" })).toThrow(/ROLLCALL_API_RATE_LIMIT/);
  });

  it("answers 429 with Retry-After and a JSON error once a key passes the limit, and other keys are unaffected", { timeout: 90_000 }, async () => {
    // Six calls must land in one minute window: start early in a minute.
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 40_000) await new Promise((r) => setTimeout(r, 60_500 - intoMinute));
    process.env.ROLLCALL_API_RATE_LIMIT = "3";
    const ws = await createWorkspace(db);
    const a = await newKey(ws.id);
    const b = await newKey(ws.id);
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await call(a.secret)).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const limited = await call(a.secret);
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const body = (await limited.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("RATE_LIMITED");
    expect(body.error.message).toMatch(/3 per minute/);
    expect(JSON.stringify(body)).not.toContain(a.secret);
    expect((await call(b.secret)).status).toBe(200);
    const row = await db.rateLimitWindow.findFirstOrThrow({ where: { bucket: `key:${a.id}` } });
    expect(row).toMatchObject({ workspaceId: ws.id, count: 6 });
  });

  it("counts concurrent requests exactly (one atomic upsert; holds across web processes sharing the database)", async () => {
    const ws = await createWorkspace(db);
    const now = new Date("2026-11-23T10:00:30Z");
    const outcomes = await Promise.all(Array.from({ length: 40 }, () => consumeRateLimit("key:concurrent", ws.id, 25, now)));
    expect(outcomes.filter((o) => o.allowed)).toHaveLength(25);
    expect(outcomes.map((o) => o.count).sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(outcomes[0]!.retryAfterSeconds).toBe(30);
  });

  it("opens a fresh window each minute and prunes the caller's old windows", async () => {
    const ws = await createWorkspace(db);
    const t0 = new Date("2026-11-23T10:00:59Z");
    expect((await consumeRateLimit("key:w", ws.id, 1, t0)).allowed).toBe(true);
    expect((await consumeRateLimit("key:w", ws.id, 1, t0)).allowed).toBe(false);
    const next = await consumeRateLimit("key:w", ws.id, 1, new Date("2026-11-23T10:01:00Z"));
    expect(next).toMatchObject({ allowed: true, count: 1, retryAfterSeconds: 60 });
    expect(await db.rateLimitWindow.count({ where: { bucket: "key:w" } })).toBe(1);
  });

  it("limits signed-in people per person, and 0 switches the limit off", async () => {
    const ws = await createWorkspace(db);
    const user = await createUser(db, ws.id, { role: "ADMIN" });
    const actor = { type: "USER" as const, workspaceId: ws.id, userId: user.id, role: user.role, label: user.email };
    process.env.ROLLCALL_API_RATE_LIMIT = "2";
    expect(await rateLimitResponse(actor)).toBeNull();
    expect(await rateLimitResponse(actor)).toBeNull();
    expect((await rateLimitResponse(actor))?.status).toBe(429);
    process.env.ROLLCALL_API_RATE_LIMIT = "0";
    expect(await rateLimitResponse(actor)).toBeNull();
    expect(await db.rateLimitWindow.count({ where: { bucket: `user:${user.id}` } })).toBe(1);
  });
});
