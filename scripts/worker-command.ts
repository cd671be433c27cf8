// How the worker is started next to the web server (`npm start`, the Slack bench): at a lower CPU
// priority. Its jobs (imports, launches, evidence packs, digests) can wait a moment; Slack's acks and
// page loads cannot, and on a small machine they share the cores. Measured on 2 cores: with the worker
// busy (starting up) at the same priority, 100 simultaneous Slack clicks were acked at p99 208–240 ms
// instead of 98 ms. `nice` is inherited by every thread of the process (a niceness set from inside
// Node would reach only the thread that set it).
export const WORKER_NICENESS = 10;

export function workerCommand(tsxCli: string): { command: string; args: string[] } {
  const node = [process.execPath, tsxCli, "scripts/worker.ts"];
  return process.platform === "win32" ? { command: node[0]!, args: node.slice(1) } : { command: "nice", args: ["-n", String(WORKER_NICENESS), ...node] };
}
