// Security headers on pages and API responses, HSTS only over https, CSRF refusal of cross-origin server
// actions, and the session cookie's attributes.
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "./fixtures";
import { DEMO, db } from "./db";
import { signInAs } from "./sign-in";

const root = path.resolve(import.meta.dirname, "..");

function actionId(file: string, exportedName: string): string {
  const manifest = JSON.parse(readFileSync(path.join(root, ".next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  const found = Object.entries(manifest.node).find(([, v]) => v.filename === file && v.exportedName === exportedName);
  if (!found) throw new Error(`${file}#${exportedName} is not in the server action manifest`);
  return found[0];
}

test("pages and API responses carry the security headers; the CSP allows no eval and no framing", async ({ request }) => {
  for (const url of ["/signin", "/api/v1/health", "/api/v1/audit/verify"]) {
    const response = await request.get(url, { maxRedirects: 0 });
    const h = response.headers();
    const csp = h["content-security-policy"] ?? "";
    expect(csp, url).toContain("frame-ancestors 'none'");
    expect(csp, url).toContain("default-src 'self'");
    expect(csp, url).toContain("object-src 'none'");
    expect(csp, url).not.toContain("unsafe-eval");
    expect(/script-src [^;]*'self'/.test(csp), url).toBe(true);
    expect(h["x-content-type-options"], url).toBe("nosniff");
    expect(h["referrer-policy"], url).toBe("same-origin");
    expect(h["x-frame-options"], url).toBe("DENY");
    expect(h["x-powered-by"], url).toBeUndefined();
    // Served over plain http here: no HSTS.
    expect(h["strict-transport-security"], url).toBeUndefined();
  }
});

test("HSTS is sent when the request came over https (X-Forwarded-Proto from the TLS proxy)", async ({ request }) => {
  for (const url of ["/signin", "/api/v1/health"]) {
    const response = await request.get(url, { headers: { "x-forwarded-proto": "https" }, maxRedirects: 0 });
    expect(response.headers()["strict-transport-security"], url).toMatch(/max-age=(\d{8,}|3153[6-9]\d{3})/);
  }
});

test("the app runs under its CSP without violations", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content.Security.Policy|Refused to (execute|load|apply|connect)/i.test(m.text())) violations.push(m.text());
  });
  await signInAs(page, DEMO.admin);
  for (const url of ["/campaigns", "/settings/api-keys"]) {
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(200);
  }
  expect(violations).toEqual([]);
});

test("a server action posted from another origin is refused and changes nothing (CSRF)", async ({ page, baseURL }) => {
  await signInAs(page, DEMO.admin);
  const id = actionId("app/(app)/settings/api-keys/actions.ts", "createApiKeyAction");
  const name = `csrf-probe-${Date.now()}`;
  const post = (origin: string, input: unknown) =>
    page.request.post("/settings/api-keys", {
      headers: { "next-action": id, accept: "text/x-component", "content-type": "text/plain;charset=UTF-8", origin },
      data: JSON.stringify([input]),
      maxRedirects: 0,
    });

  const evil = await post("https://evil.test", { name, scopes: ["audit:read"], expiresInDays: 1 });
  expect(evil.status()).toBe(500);
  expect(await evil.text()).not.toContain('"ok":true');
  expect(await db.apiKey.count({ where: { name } })).toBe(0);

  // The same request from our own origin reaches the action (stopped by validation here, so nothing is created):
  // the refusal above is the origin check, not a malformed call.
  const own = await post(baseURL!, { name, scopes: [] });
  expect(own.status()).toBe(200);
  expect(await own.text()).toContain("Choose at least one scope");
  expect(await db.apiKey.count({ where: { name } })).toBe(0);
});

test("the session cookie is HttpOnly and SameSite, so other sites cannot ride it", async ({ page }) => {
  await signInAs(page, DEMO.member);
  const session = (await page.context().cookies()).find((c) => /authjs\.session-token$/.test(c.name));
  expect(session, "session cookie").toBeTruthy();
  expect(session!.httpOnly).toBe(true);
  expect(["Lax", "Strict"]).toContain(session!.sameSite);
});
