import { existsSync } from "node:fs";
import { runCommand } from "./run-command";

const CHROMIUM = "/usr/bin/chromium";

/**
 * e2e runs in Debian's Chromium, installed with apt when it is missing (Debian's repositories are
 * reachable; Playwright's own browser downloads are not, so they are never used). Returns its path.
 */
export async function ensureChromium(): Promise<string> {
  const configured = process.env.CHROMIUM_PATH;
  if (configured && existsSync(configured)) return configured;
  if (existsSync(CHROMIUM)) return CHROMIUM;
  console.log("Chromium is missing: installing Debian's chromium package with apt…");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const apt = (args: string[]) => (process.getuid?.() === 0 ? runCommand("apt-get", args, env) : runCommand("sudo", ["-n", "apt-get", ...args], env));
  try {
    await apt(["install", "-y", "chromium"]);
  } catch {
    // A fresh machine may have no package lists yet.
    await apt(["update"]);
    await apt(["install", "-y", "chromium"]);
  }
  if (!existsSync(CHROMIUM)) throw new Error(`apt did not install ${CHROMIUM}`);
  return CHROMIUM;
}
