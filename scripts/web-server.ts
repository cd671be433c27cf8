// The production web server (`npm start` runs it; `next start` would serve the same pages): Next.js's
// request handler behind Node's HTTP server, with one exception — Slack's Request URL
// (POST /api/slack/events) goes straight to the Slack handler (lib/slack/node-receiver.ts), skipping
// Next's per-request pipeline so a burst of clicks is acked within Slack's patience. Under `next dev`
// or a plain `next start`, app/api/slack/events/route.ts serves that URL with the same handler.
//
//   tsx scripts/web-server.ts [-p PORT] [-H HOSTNAME]      (PORT from the environment otherwise; all interfaces
//   unless -H: the HOSTNAME variable is not read, shells and containers set it to the machine's name)
import http from "node:http";
import next from "next";
import { securityHeaders } from "../next.config.mjs";
import { getSlackApp } from "../lib/slack/app";
import { slackNodeReceiver } from "../lib/slack/node-receiver";
import { stopBoss } from "../lib/jobs/boss";
import { disconnectDb } from "../lib/db";

const args = process.argv.slice(2);
const option = (short: string, long: string) => {
  const i = args.findIndex((a) => a === short || a === long);
  return i >= 0 ? args[i + 1] : undefined;
};
const port = Number(option("-p", "--port") ?? process.env.PORT ?? 3000);
const hostname = option("-H", "--hostname") ?? "0.0.0.0";

// Next builds absolute URLs from this name; a wildcard address is no name.
const app = next({ dev: false, dir: process.cwd(), hostname: hostname === "0.0.0.0" ? "localhost" : hostname, port });
const handleNext = app.getRequestHandler();
await app.prepare();

// The same hardening headers Next adds to its own responses (next.config.mjs).
const slack = slackNodeReceiver(getSlackApp, Object.fromEntries(securityHeaders(false).map((h) => [h.key, h.value])));
const SLACK_PATH = "/api/slack/events";

const server = http.createServer((req, res) => {
  const path = (req.url ?? "/").split("?")[0];
  if (req.method === "POST" && path === SLACK_PATH) void slack.handle(req, res);
  else
    handleNext(req, res).catch((error: unknown) => {
      // Next answers its own errors; this is the last resort, so one bad request never ends the process.
      console.error("[web] request failed:", error);
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" }).end("Internal Server Error");
      else res.destroy();
    });
});
server.listen(port, hostname, () => console.log(`[web] listening on ${hostname}:${port}`));

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    server.close();
    server.closeIdleConnections();
    void slack
      .drain()
      .then(() => app.close())
      .then(stopBoss)
      .then(disconnectDb)
      .catch((error: unknown) => console.error("[web] stopping:", error))
      .finally(() => process.exit(0));
  });
}
