// The owner inbox page ("My reviews", GET /reviews) served by the built app (`next start`), timed over
// HTTP for one signed-in owner: used by the inbox benchmark, and by `campaign --with-page` on its data.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { reportFigure } from "./report";
import { percentile } from "./campaign-data";
import { freePort } from "../embedded-pg";

export const appBuilt = () => existsSync(path.resolve(".next", "BUILD_ID"));

/**
 * Starts the built app on `databaseUrl`, signs in as `ownerId` through Auth.js (demo credentials), then
 * times `runs` sequential GETs until the whole page has arrived (pages 1 and 2 unfiltered and page 1
 * filtered by kind, after a warm-up), and reports the p95. Goal: ≤ 300 ms.
 */
export async function measureInboxPage(o: { databaseUrl: string; ownerId: string; pending: number; items: number; runs: number }) {
  const dataDir = mkdtempSync(path.join(tmpdir(), "rollcall-bench-inbox-"));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const next = createRequire(import.meta.url).resolve("next/dist/bin/next");
  const app = spawn(process.execPath, [next, "start", "-p", String(port), "-H", "127.0.0.1"], {
    env: { ...process.env, DATABASE_URL: o.databaseUrl, ROLLCALL_DEMO: "1", ROLLCALL_DATA_DIR: dataDir, NEXT_TELEMETRY_DISABLED: "1", AUTH_TRUST_HOST: "true" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  try {
    for (let i = 0; !(await fetch(`${base}/api/v1/health`).then((r) => r.ok, () => false)); i++) {
      if (i > 600) throw new Error("the app did not start");
      await new Promise((r) => setTimeout(r, 100));
    }
    // Sign in as the owner through Auth.js's own endpoints (csrf, then the demo credentials callback).
    const cookies = new Map<string, string>();
    const keep = (res: Response) => {
      for (const c of res.headers.getSetCookie()) {
        const [pair] = c.split(";");
        const at = pair!.indexOf("=");
        cookies.set(pair!.slice(0, at), pair!.slice(at + 1));
      }
    };
    const cookie = () => [...cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const csrf = await fetch(`${base}/api/auth/csrf`);
    keep(csrf);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const signIn = await fetch(`${base}/api/auth/callback/demo`, {
      method: "POST", redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
      body: new URLSearchParams({ csrfToken, userId: o.ownerId, callbackUrl: "/" }),
    });
    keep(signIn);
    if (signIn.status !== 302 || (signIn.headers.get("location") ?? "").includes("error") || ![...cookies.keys()].some((k) => k.includes("session-token"))) {
      throw new Error(`sign-in failed: ${signIn.status} ${signIn.headers.get("location")}`);
    }

    const views = ["/reviews", "/reviews?page=2", "/reviews?kind=API_KEY"];
    const get = async (url: string) => {
      const started = performance.now();
      const res = await fetch(`${base}${url}`, { headers: { cookie: cookie() }, redirect: "manual" });
      const html = await res.text();
      if (res.status !== 200 || !html.includes("My reviews")) throw new Error(`GET ${url}: ${res.status}`);
      return { ms: performance.now() - started, html };
    };
    // Warm-up: the first requests load the route's modules and the database pool.
    for (const v of views) await get(v);
    const first = await get(views[0]!);
    if (!first.html.includes(`${o.pending.toLocaleString("en-US")} machine identit`) && !first.html.includes(`${o.pending} machine identit`)) {
      throw new Error(`the inbox page does not show the owner's ${o.pending} pending items`);
    }
    const loadBefore = loadavg()[0]!;
    const times: number[] = [];
    for (let i = 0; i < o.runs; i++) times.push((await get(views[i % views.length]!)).ms);
    const p95 = percentile(times, 95);
    console.log(`owner inbox page (${o.pending.toLocaleString("en-US")} pending; ${o.runs} sequential GETs of pages 1, 2 and a kind filter; load ${loadBefore.toFixed(1)}): p50 ${percentile(times, 50).toFixed(0)} ms, p95 ${p95.toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms`);
    reportFigure({
      bench: "inbox", measure: `owner inbox page (GET /reviews, built app), ${o.pending.toLocaleString("en-US")} pending in a ${o.items.toLocaleString("en-US")}-item campaign, server p95`, value: Math.round(p95), unit: "ms",
      goal: "≤ 300 ms", met: p95 <= 300, detail: `p50 ${percentile(times, 50).toFixed(0)} ms, ${o.runs} GETs, 1-min load ${loadBefore.toFixed(1)}`,
    });
  } finally {
    app.kill("SIGTERM");
    rmSync(dataDir, { recursive: true, force: true });
  }
}
