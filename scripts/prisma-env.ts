// Environment for spawning the Prisma 7 CLI on a machine that cannot download Prisma's native
// schema-engine binary. Shared by scripts/prisma.ts, test setup and the start script.
import { existsSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const standInSchemaEngine = path.join(projectRoot, "scripts", "prisma-schema-engine.mjs");

/** The prisma CLI entry point, resolved like `npx prisma` would. */
export function prismaCliPath(): string {
  return require.resolve("prisma/build/index.js");
}

const isFile = (p: string): boolean => {
  try {
    return statSync(p).isFile() && statSync(p).size > 0;
  } catch {
    return false;
  }
};

// Where @prisma/engines' postinstall would have put a downloaded binary (schema-engine-<platform>).
// Resolved from the prisma package, which may carry its own nested copy of @prisma/engines.
function downloadedEngine(): string | undefined {
  const dirs = new Set<string>();
  for (const from of [prismaCliPath(), path.join(projectRoot, "package.json")]) {
    try {
      dirs.add(path.dirname(createRequire(from).resolve("@prisma/engines/package.json")));
    } catch {
      // not installed on this path
    }
  }
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    const hit = readdirSync(dir).find((f) => f.startsWith("schema-engine-") && isFile(path.join(dir, f)));
    if (hit) return path.join(dir, hit);
  }
  return undefined;
}

/** Whether the stand-in is needed, i.e. no usable native schema engine is configured or installed. */
export function needsStandInEngine(env: NodeJS.ProcessEnv = process.env): boolean {
  const configured = env.PRISMA_SCHEMA_ENGINE_BINARY;
  if (configured && isFile(path.resolve(configured))) return false;
  return downloadedEngine() === undefined;
}

/** process.env plus what the Prisma CLI needs to run offline; pass to spawn/execa as `env`. */
export function prismaEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...base,
    // Both would otherwise reach out to Prisma's servers on every command.
    CHECKPOINT_DISABLE: "1",
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
  };
  if (needsStandInEngine(base)) {
    env.PRISMA_SCHEMA_ENGINE_BINARY = standInSchemaEngine;
    // The CLI execs the stand-in directly (shebang `env node`): make sure this node is found first.
    const nodeDir = path.dirname(process.execPath);
    env.PATH = [nodeDir, base.PATH].filter(Boolean).join(path.delimiter);
  }
  return env;
}
