#!/usr/bin/env node
// `npx rollcall …`: runs scripts/rollcall.ts with tsx (TypeScript, the project's path aliases).
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(here);
const tsx = createRequire(import.meta.url).resolve("tsx/cli");
const child = spawn(process.execPath, [tsx, path.join(here, "rollcall.ts"), ...process.argv.slice(2)], {
  stdio: "inherit",
  env: { TSX_TSCONFIG_PATH: path.join(root, "tsconfig.json"), CHECKPOINT_DISABLE: "1", ...process.env },
});
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
