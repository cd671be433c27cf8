import { appendFileSync, mkdirSync } from "node:fs";
import path from "node:path";

/** Where the e2e run's logs go (web server output; scripts/test.ts adds the Playwright run) and secrets are listed. */
export const e2eLogDir = path.resolve(import.meta.dirname, "..", ".data", "e2e-logs");

/**
 * Records a secret a spec minted (an API key plaintext, a webhook secret…) so that the check after the e2e
 * stage (scripts/check-secret-logs.ts) can fail if it ever shows up in a log.
 */
export function registerSecret(label: string, value: string): void {
  mkdirSync(e2eLogDir, { recursive: true });
  appendFileSync(path.join(e2eLogDir, "secrets.jsonl"), JSON.stringify({ label, value }) + "\n");
}
