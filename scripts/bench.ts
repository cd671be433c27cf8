// `npm run bench -- NAME [options]`: runs scripts/bench/NAME.ts. Benchmarks register here.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const benches: Record<string, { file: string; about: string }> = {
  inventory: { file: "inventory.ts", about: "1M identities × 3 entitlements through the sync path vs raw COPY, and the inventory page query (--quick: 10k)" },
};

const [name, ...args] = process.argv.slice(2);
// A bench not listed above still runs by its file name (scripts/bench/NAME.ts).
const bench = name ? (benches[name] ?? (existsSync(path.join("scripts", "bench", `${name}.ts`)) ? { file: `${name}.ts`, about: "" } : undefined)) : undefined;
if (!bench) {
  console.log(`usage: npm run bench -- <name> [options]\n${Object.entries(benches).map(([k, v]) => `  ${k.padEnd(12)} ${v.about}`).join("\n")}`);
  process.exit(name ? 1 : 0);
}
const tsx = createRequire(import.meta.url).resolve("tsx/cli");
// Large runs hold the generated rows in memory: give the heap room.
const child = spawn(process.execPath, ["--max-old-space-size=8192", "--import", "./scripts/node20-polyfills.mjs", tsx, path.join("scripts", "bench", bench.file), ...args], {
  stdio: "inherit",
  env: { ...process.env, CHECKPOINT_DISABLE: "1" },
});
child.on("exit", (code) => process.exit(code ?? 1));
