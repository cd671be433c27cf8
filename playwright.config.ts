import { mkdirSync } from "node:fs";
import path from "node:path";
import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://127.0.0.1:${port}`;
// The web server's output goes to a file (appended; scripts/test.ts empties it first) that the check after the
// e2e stage scans for secrets (scripts/check-secret-logs.ts). Read it there when a spec fails on a server error.
const serverLog = path.resolve(process.env.E2E_SERVER_LOG ?? ".data/e2e-logs/web-server.log");
mkdirSync(path.dirname(serverLog), { recursive: true });

// Runs against the built app (`next build` first) on a seeded database given by scripts/with-test-db.ts.
export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [["list"], ["json"]] : [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  webServer: {
    // The production web server as `npm start` runs it (Next.js, and Slack's Request URL answered in front of it).
    command: `node node_modules/tsx/dist/cli.mjs scripts/web-server.ts -p ${port} -H 127.0.0.1 >> "${serverLog}" 2>&1`,
    url: `${baseURL}/api/v1/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: {
      DATABASE_URL: process.env.DATABASE_URL ?? "",
      AUTH_SECRET: process.env.AUTH_SECRET ?? "e2e-secret-e2e-secret-e2e-secret",
      AUTH_TRUST_HOST: "true",
      ROLLCALL_DEMO: "1",
      ROLLCALL_DATA_DIR: "test-results/data",
      NEXT_TELEMETRY_DISABLED: "1",
      NODE_ENV: "production",
      // Slack (e2e/slack.spec.ts): the app talks to the stand-in the spec starts on this port.
      SLACK_API_URL: "http://127.0.0.1:3299/api/",
      SLACK_SIGNING_SECRET: "e2e-slack-signing-secret-0123456789",
      SLACK_BOT_TOKEN: "xoxb-e2e-slack",
    },
  },
});
