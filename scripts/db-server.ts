// The embedded PostgreSQL for `npm start`, run as its own detached process so that Ctrl-C in the
// terminal reaches the web app and worker first: start.ts stops them, then asks this process to stop
// the database last. It also stops when its parent disappears (stdin closes), so a killed `npm start`
// never leaves a server holding .data/pg.
import path from "node:path";
import { startEmbeddedPostgres } from "./embedded-pg";
import { ensureDatabase, dataDir } from "./local-database";

const server = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "pg"), persistent: true });
await ensureDatabase(server.url("postgres"), "rollcall");
process.stdout.write(`${JSON.stringify({ url: server.url("rollcall") })}\n`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await server.stop().catch(() => undefined);
  process.exit(0);
}
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
process.stdin.on("end", () => void stop());
process.stdin.on("close", () => void stop());
process.stdin.resume();
