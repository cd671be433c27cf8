// Runs the Prisma CLI with the offline environment from prisma-env.ts:
//   tsx scripts/prisma.ts migrate deploy
import { spawn } from "node:child_process";
import { constants } from "node:os";
import { prismaCliPath, prismaEnv, projectRoot } from "./prisma-env";

const child = spawn(process.execPath, [prismaCliPath(), ...process.argv.slice(2)], {
  cwd: process.cwd(),
  env: prismaEnv(),
  stdio: "inherit",
});

// Forward Ctrl-C/termination so `migrate dev` prompts and engines shut down cleanly.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => child.kill(signal));
}

child.on("error", (err) => {
  console.error(`Failed to start the Prisma CLI from ${projectRoot}: ${err.message}`);
  process.exit(1);
});
child.on("exit", (code, signal) => {
  process.exit(code ?? (signal ? 128 + constants.signals[signal] : 1));
});
