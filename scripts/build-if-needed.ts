import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { projectRoot } from "./prisma-env";
import { runCommand } from "./run-command";

const inputs = ["app", "components", "lib", "emails", "prisma/schema.prisma", "next.config.mjs", "package-lock.json", "tsconfig.json", "postcss.config.mjs"];

function walk(p: string, out: string[]) {
  if (!existsSync(p)) return;
  const st = statSync(p);
  if (st.isDirectory()) for (const f of readdirSync(p).sort()) walk(path.join(p, f), out);
  else if (!/\.test\.tsx?$/.test(p)) out.push(`${path.relative(projectRoot, p)}:${st.size}:${st.mtimeMs}`);
}

/** Fingerprint of everything that goes into `next build`, so a restart only rebuilds after a change. */
function fingerprint(): string {
  const entries: string[] = [];
  for (const i of inputs) walk(path.join(projectRoot, i), entries);
  return createHash("sha256").update(entries.join("\n")).digest("hex");
}

export async function buildIfNeeded(env: NodeJS.ProcessEnv): Promise<void> {
  const stamp = path.join(projectRoot, ".next", "rollcall-fingerprint");
  const current = fingerprint();
  if (existsSync(path.join(projectRoot, ".next", "BUILD_ID")) && existsSync(stamp) && readFileSync(stamp, "utf8") === current) return;
  console.log("Building the web app (first start or code changed)…");
  const next = createRequire(import.meta.url).resolve("next/dist/bin/next");
  await runCommand(process.execPath, [next, "build"], env);
  writeFileSync(stamp, current);
}
