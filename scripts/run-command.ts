import { spawn, type ChildProcess } from "node:child_process";

/** Runs a command to completion with inherited output; rejects with the command line on failure. */
export function runCommand(command: string, args: string[], env: NodeJS.ProcessEnv = process.env, quiet = false): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: quiet ? ["ignore", "pipe", "pipe"] : "inherit" });
    let output = "";
    child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
    child.on("error", reject);
    child.on("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited with ${code ?? signal}\n${output.slice(-4000)}`)),
    );
  });
}

const stopRequested = new WeakSet<ChildProcess>();

/** Starts a long-running child in its own process group so the whole tree can be stopped at once. */
export function startChild(name: string, command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(command, args, { env, stdio: "inherit", detached: true });
  child.on("exit", (code, signal) => {
    if (!stopRequested.has(child) && code !== 0 && signal == null) console.error(`[${name}] exited with code ${code}`);
  });
  return child;
}

export function stopChild(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null || !child.pid) return resolve();
    stopRequested.add(child);
    const timer = setTimeout(() => {
      try { process.kill(-child.pid!, "SIGKILL"); } catch { /* already gone */ }
    }, 10_000);
    child.once("exit", () => { clearTimeout(timer); resolve(); });
    try { process.kill(-child.pid, signal); } catch { resolve(); }
  });
}
