// `npm run slack:socket`: Rollcall's Slack listeners over Socket Mode, for hosts with no public URL.
// Needs SLACK_APP_TOKEN (xapp-…, connections:write), SLACK_BOT_TOKEN and DATABASE_URL; the Slack
// app has socket_mode_enabled: true (slack/manifest.yml). Same listeners as the HTTP route.
import "dotenv/config";
import { createSlackApp } from "../lib/slack/app";
import { slackConfig } from "../lib/slack/config";
import { disconnectDb } from "../lib/db";
import { stopBoss } from "../lib/jobs/boss";

const config = slackConfig();
if (!config.appToken) {
  console.error("[slack] Socket Mode needs SLACK_APP_TOKEN (an app-level token, xapp-…, with connections:write).");
  process.exit(1);
}
const app = createSlackApp({ socketMode: true, appToken: config.appToken });
await app.start();
console.log("[slack] connected over Socket Mode; Ctrl-C to stop");

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void app
      .stop()
      .then(stopBoss)
      .then(disconnectDb)
      .finally(() => process.exit(0));
  });
}
