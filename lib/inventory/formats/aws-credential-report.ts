import { readCsvTable } from "@/lib/inventory/formats/csv-table";
import { NO_DATE, latest, readBoolean, readDate, type Read } from "@/lib/inventory/formats/field-values";
import { IssueList, finish, type Coverage, type NormalizedCredential, type NormalizedIdentity, type ParseResult } from "@/lib/inventory/formats/types";

// aws-credential-report: the CSV of `aws iam get-credential-report` (the Content field, base64-decoded;
// the whole JSON answer of the CLI is accepted too). Column names are AWS's.
const REQUIRED = [
  "user", "arn", "user_creation_time", "password_enabled",
  "access_key_1_active", "access_key_1_last_rotated", "access_key_1_last_used_date",
  "access_key_2_active", "access_key_2_last_rotated", "access_key_2_last_used_date",
];
const OPTIONAL = [
  "password_last_used", "password_last_changed", "password_next_rotation", "mfa_active",
  "access_key_1_last_used_region", "access_key_1_last_used_service", "access_key_2_last_used_region", "access_key_2_last_used_service",
  "cert_1_active", "cert_1_last_rotated", "cert_2_active", "cert_2_last_rotated",
];

const coverage = (retain: string[]): Coverage => ({
  attributes: ["name", "kind", "status", "createdAtSource"],
  credentials: true,
  entitlements: false,
  owners: false,
  removalScope: ["arn:aws%:iam::%:user/%"],
  retain,
});

/** The CLI prints `{"Content": "<base64 CSV>", "ReportFormat": "text/csv", …}`; unwrap it when given that. */
function unwrapCliAnswer(bytes: Uint8Array): Uint8Array {
  let start = 0;
  while (start < bytes.length && (bytes[start] === 0xef || bytes[start] === 0xbb || bytes[start] === 0xbf || bytes[start] === 32 || bytes[start] === 10 || bytes[start] === 13)) start++;
  if (bytes[start] !== 0x7b) return bytes;
  try {
    const answer = JSON.parse(new TextDecoder().decode(bytes)) as { Content?: unknown };
    if (typeof answer.Content === "string") return new Uint8Array(Buffer.from(answer.Content, "base64"));
  } catch {
    // not the CLI answer after all: let the CSV reader report what is wrong
  }
  return bytes;
}

export function parseAwsCredentialReport(input: Uint8Array): ParseResult {
  const errors = new IssueList();
  const warnings = new IssueList();
  const table = readCsvTable(unwrapCliAnswer(input), { required: REQUIRED, known: [...REQUIRED, ...OPTIONAL] }, errors, warnings);
  if (!table) return finish([], coverage([]), errors, warnings, 0);
  const identities: NormalizedIdentity[] = [];
  const retain: string[] = [];
  const seen = new Map<string, number>();

  for (const row of table.rows) {
    const read = <T,>(column: string, result: Read<T>): T | undefined => {
      if (result.ok) return result.value;
      errors.add(row.line, column, result.reason);
      return undefined;
    };
    const user = row.get("user");
    const arn = row.get("arn");
    if (!user) errors.add(row.line, "user", "required value is empty");
    if (!/^arn:aws[a-z-]*:iam::\d{12}:(root|user\/.+)$/.test(arn)) {
      errors.add(row.line, "arn", `"${arn}" is not an IAM user ARN`);
      continue;
    }
    if (seen.has(arn)) {
      errors.add(row.line, "arn", `the same user already appears on line ${seen.get(arn)}`);
      continue;
    }
    seen.set(arn, row.line);
    const passwordEnabled = row.get("password_enabled");
    const createdAt = read("user_creation_time", readDate(row.get("user_creation_time"))) ?? null;
    const credentials: NormalizedCredential[] = [];
    for (const slot of [1, 2] as const) {
      const active = read(`access_key_${slot}_active`, readBoolean(row.get(`access_key_${slot}_active`)));
      const rotatedRead = readDate(row.get(`access_key_${slot}_last_rotated`));
      const rotated = read(`access_key_${slot}_last_rotated`, rotatedRead) ?? null;
      const used = read(`access_key_${slot}_last_used_date`, readDate(row.get(`access_key_${slot}_last_used_date`))) ?? null;
      if (active && rotatedRead.ok && !rotated) errors.add(row.line, `access_key_${slot}_last_rotated`, "an active key must have a last-rotated date");
      // A key slot exists when it has a rotation date; a deactivated key keeps its date and shows active=false.
      if (rotated) credentials.push({ externalId: `${arn}#access-key-${slot}`, kind: "ACCESS_KEY", status: active ? "ACTIVE" : "INACTIVE", createdAt: rotated, lastRotatedAt: rotated, expiresAt: null, lastUsedAt: used });
    }
    for (const slot of [1, 2] as const) {
      if (!table.header.includes(`cert_${slot}_active`)) continue;
      const active = read(`cert_${slot}_active`, readBoolean(row.get(`cert_${slot}_active`), false));
      const rotated = read(`cert_${slot}_last_rotated`, readDate(row.get(`cert_${slot}_last_rotated`))) ?? null;
      if (rotated) credentials.push({ externalId: `${arn}#certificate-${slot}`, kind: "CERTIFICATE", status: active ? "ACTIVE" : "INACTIVE", createdAt: rotated, lastRotatedAt: rotated, expiresAt: null, lastUsedAt: null });
    }
    if (arn.endsWith(":root") || user === "<root_account>") {
      retain.push(arn);
      continue;
    }
    const password = read("password_enabled", readBoolean(NO_DATE.has(passwordEnabled) ? "false" : passwordEnabled));
    // People sign in with a password; a user without one is a machine identity (DESIGN §4).
    if (password) {
      retain.push(arn);
      continue;
    }
    identities.push({
      line: row.line,
      externalId: arn,
      name: user,
      kind: "SERVICE_ACCOUNT",
      status: credentials.some((c) => c.status === "ACTIVE") ? "ACTIVE" : "DISABLED",
      environment: null,
      purpose: null,
      createdAtSource: createdAt,
      createdBy: null,
      lastUsedAt: latest(...credentials.map((c) => c.lastUsedAt)),
      tags: {},
      owner: null,
      credentials,
      entitlements: [],
    });
  }
  return finish(identities, coverage(retain), errors, warnings, table.rows.length);
}
