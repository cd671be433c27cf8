// After the e2e stage: fails when a secret of the run shows up in a log of it (the web server's output, and the
// Playwright run's output, which carries the workers and job runners the specs start). The secrets: the app's
// environment (AUTH_SECRET, Slack signing secret and bot token, OIDC client secret), every secret a spec
// registered (e2e/secrets.ts: API key plaintexts…), workspace webhook secrets (decrypted from the e2e database),
// and the one-click / magic-link tokens in the mails the run wrote to outboxes; plus anything shaped like an
// API key plaintext. Usage: tsx scripts/check-secret-logs.ts (DATABASE_URL = the e2e database, optional).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

export type Secret = { label: string; value: string };
export type Finding = { secret: string; file: string; line: number };

const MIN_LENGTH = 8;
/** Shapes that are secrets wherever they appear, whoever minted them. */
const patterns: { label: string; re: RegExp }[] = [{ label: "an API key plaintext (rk_…)", re: /\brk_[A-Za-z0-9_-]{40}(?![A-Za-z0-9_-])/ }];

/** Every line of every log where a secret (or a secret-shaped string) appears; the secret itself is never printed. */
export function findSecretsInLogs(logs: { file: string; text: string }[], secrets: Secret[]): Finding[] {
  const wanted = secrets.filter((s) => s.value.length >= MIN_LENGTH);
  const findings: Finding[] = [];
  for (const log of logs) {
    log.text.split("\n").forEach((line, i) => {
      for (const s of wanted) if (line.includes(s.value)) findings.push({ secret: s.label, file: log.file, line: i + 1 });
      for (const p of patterns) if (p.re.test(line)) findings.push({ secret: p.label, file: log.file, line: i + 1 });
    });
  }
  return findings;
}

/** Link tokens in a mail (one-click review links /r/<token>, Auth.js magic links ?token=…), quoted-printable undone. */
export function tokensInMail(eml: string): string[] {
  const text = eml.replace(/=\r?\n/g, "").replace(/=3D/gi, "=");
  const tokens = new Set<string>();
  for (const m of text.matchAll(/\/r\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/g)) tokens.add(m[1]!);
  for (const m of text.matchAll(/[?&]token=([A-Za-z0-9_%-]{16,})/g)) tokens.add(decodeURIComponent(m[1]!));
  return [...tokens];
}

function filesUnder(dir: string, match: (name: string) => boolean, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) filesUnder(full, match, out);
    else if (match(entry.name)) out.push(full);
  }
  return out;
}

async function webhookSecrets(): Promise<Secret[]> {
  if (!process.env.DATABASE_URL) return [];
  const { db, disconnectDb } = await import("../lib/db");
  const { decryptWebhookSecret } = await import("../lib/remediation/webhook-secret");
  try {
    const rows = await db.workspace.findMany({ where: { remediationWebhookSecretEncrypted: { not: null } }, select: { id: true, remediationWebhookSecretEncrypted: true } });
    return rows.map((r) => ({ label: `the remediation webhook secret of ${r.id}`, value: decryptWebhookSecret(r.remediationWebhookSecretEncrypted!) }));
  } finally {
    await disconnectDb();
  }
}

export async function collectSecrets(root: string, logDir: string): Promise<Secret[]> {
  const { default: config } = await import("../playwright.config");
  const webServer = Array.isArray(config.webServer) ? config.webServer[0] : config.webServer;
  const appEnv: Record<string, string | undefined> = { ...process.env, ...webServer?.env };
  const secrets: Secret[] = ["AUTH_SECRET", "SLACK_SIGNING_SECRET", "SLACK_BOT_TOKEN", "OIDC_CLIENT_SECRET"]
    .filter((name) => appEnv[name])
    .map((name) => ({ label: name, value: appEnv[name]! }));
  const registered = path.join(logDir, "secrets.jsonl");
  if (existsSync(registered)) {
    for (const line of readFileSync(registered, "utf8").split("\n").filter(Boolean)) secrets.push(JSON.parse(line) as Secret);
  }
  for (const dir of [path.join(root, "test-results"), path.join(root, ".data")]) {
    for (const eml of filesUnder(dir, (n) => n.endsWith(".eml"))) {
      for (const token of tokensInMail(readFileSync(eml, "utf8"))) secrets.push({ label: `a link token mailed in ${path.relative(root, eml)}`, value: token });
    }
  }
  secrets.push(...(await webhookSecrets()));
  return secrets;
}

if (process.argv[1]?.endsWith("check-secret-logs.ts")) {
  const root = path.resolve(import.meta.dirname, "..");
  const logDir = path.join(root, ".data", "e2e-logs");
  const logs = filesUnder(logDir, (n) => n.endsWith(".log")).map((file) => ({ file: path.relative(root, file), text: readFileSync(file, "utf8") }));
  const secrets = await collectSecrets(root, logDir);
  const findings = findSecretsInLogs(logs, secrets);
  const bytes = logs.reduce((n, l) => n + statSync(path.join(root, l.file)).size, 0);
  if (logs.length === 0) {
    console.error(`No e2e logs in ${path.relative(root, logDir)}: nothing was scanned.`);
    process.exit(1);
  }
  if (findings.length > 0) {
    for (const f of findings.slice(0, 50)) console.error(`SECRET IN LOG: ${f.secret} appears in ${f.file}:${f.line}`);
    console.error(`${findings.length} secret occurrence(s) in the e2e logs.`);
    process.exit(1);
  }
  console.log(`No secrets in ${logs.length} e2e log(s) (${Math.round(bytes / 1024)} KiB) — checked ${secrets.length} secrets and the API-key shape.`);
}
