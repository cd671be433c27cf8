// README.txt of a pack: what each file is, and how to verify the pack with stock tools.

export const FILE_DESCRIPTIONS: Record<string, string> = {
  "README.txt": "This file: contents and how to verify the pack.",
  "policy.json": "The review policy in force when the pack was generated (frequencies, SLA, exception maximum, default on non-response).",
  "population/extraction.json": "IPE: per campaign and source, the inventory extraction the population came from (format, file hash, parameters, times, counts) and the launch census query.",
  "population/snapshot.csv": "The frozen population reviewed: one row per review item and entitlement, as the reviewer saw it.",
  "population/reconciliation.csv": "Per campaign and source: source total vs launch census vs snapshot, with the explanation of any difference.",
  "decisions.csv": "One row per decision: who, when (UTC), channel, justification, timing and batch (bulk) indicators, self-review flag.",
  "remediation.csv": "Remediation of revoke/reduce decisions: executed and verified times, how verified, SLA due date and whether it was met.",
  "exceptions.csv": "Time-bound exceptions: justification, approver, expiry vs policy maximum, status at pack time.",
  "findings.csv": "Trigger findings behind review items: rule, the sentence shown to the reviewer, event references, OWASP NHI risk tags.",
  "reviewer-metrics.csv": "Per reviewer: items, median seconds per decision, largest batch, bulk decisions, attest rate, self-review count (must be 0).",
  "audit-log.jsonl": "The hash-chained audit events of the pack's period, one JSON object per line (contiguous, so the chain can be re-verified).",
  "controls.csv": "SOC 2, ISO/IEC 27001:2022, NIST SP 800-53 Rev. 5 and NIST CSF 2.0 controls: status computed from this pack's data, why, and evidence files.",
  "summary.pdf": "Human-readable summary: scope, dates vs policy, counts, decision mix, timeliness, remediation SLA, exceptions, sign-off, controls.",
  "SHA256SUMS": "sha256sum-format list of every file above, for `sha256sum -c SHA256SUMS`.",
  "signing-key.pem": "The workspace's Ed25519 public key that signed manifest.json.",
};

export type ReadmeInput = { packId: string; workspaceName: string; scopeLine: string; generatedAt: string; fingerprint: string; keyId: string; previousPackId: string | null };

export function readmeText(r: ReadmeInput): string {
  const files = Object.entries(FILE_DESCRIPTIONS).map(([path, text]) => `  ${path.padEnd(32)} ${text}`).join("\n");
  return `ROLLCALL EVIDENCE PACK ${r.packId}
Workspace: ${r.workspaceName}
Scope:     ${r.scopeLine}
Generated: ${r.generatedAt} (UTC)
Previous pack: ${r.previousPackId ?? "none (first pack of this workspace)"}

Signing key fingerprint (SHA-256 of the DER public key):
  ${r.fingerprint}
  key id ${r.keyId}. Compare it with the fingerprint Rollcall shows under Evidence and under
  Settings > Signing keys. A pack signed by any other key is not from this workspace.

FILES
${files}
  manifest.json                    Index and integrity root: every file with sha256, bytes and record count.
  manifest.sig                     Ed25519 signature over the exact bytes of manifest.json.

HOW TO VERIFY WITH STOCK TOOLS (OpenSSL 3.0 or later, coreutils)
Unzip the pack into an empty folder and run these commands in it.

1. The key is the workspace's key (must print the fingerprint above):
     openssl pkey -pubin -in signing-key.pem -outform DER | sha256sum

2. The manifest is signed by that key (must print "Signature Verified Successfully"):
     openssl pkeyutl -verify -pubin -inkey signing-key.pem -rawin -in manifest.json -sigfile manifest.sig

3. Every file matches (every line must end in "OK"):
     sha256sum -c SHA256SUMS

4. SHA256SUMS is the list the manifest signed: its hash must equal the sha256 of the
   "SHA256SUMS" entry in manifest.json:
     sha256sum SHA256SUMS
     grep -A1 '"path": "SHA256SUMS"' manifest.json

Or, with Rollcall's CLI, which also checks record counts and re-verifies the audit hash chain:
     npx rollcall evidence verify PACK.zip

AUDIT CHAIN
Each line of audit-log.jsonl has hash = sha256(prevHash + canonical JSON of the event's fields
workspaceId, seq, actorType, actorId, actorLabel, action, subjectType, subjectId, data, at), with
keys sorted at every depth and no whitespace. Lines are contiguous by seq; the first line's prevHash
and the last line's hash are recorded in manifest.json (audit_chain), which is signed.

Times are UTC (ISO 8601). Control titles are from the verified catalog that ships with Rollcall
(SOC 2 titles are paraphrases: the AICPA publishes none; CSF 2.0 entries show the outcome text).
`;
}
