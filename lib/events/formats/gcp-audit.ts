import type { EventKind } from "@/prisma/generated/enums";
import type { EventFormatSpec, NormalizeOutcome, NormalizedEvent, PrincipalRef } from "@/lib/events/types";
import { arr, contentHash, get, isObj, looksLikeEmail, str, time } from "@/lib/events/formats/fields";
import { jsonRecords } from "@/lib/events/formats/read-records";

// Google Cloud audit logs: LogEntry objects whose protoPayload is a google.cloud.audit.AuditLog
// (`gcloud logging read --format=json` gives an array; exports to storage give JSON lines).

const TOKEN_METHODS = /(^|\.)(GenerateAccessToken|GenerateIdToken|SignJwt|SignBlob)$/;
const endsWithMethod = (method: string, name: string) => method === name || method.endsWith(`.${name}`);

const serviceAccount = (email: string, keyId?: string): PrincipalRef => ({
  credentialId: keyId, credentialKind: keyId ? "ACCESS_KEY" : undefined,
  externalIds: [email, `serviceAccount:${email}`], name: email.split("@")[0] ?? email, kind: "SERVICE_ACCOUNT", human: false,
});

/** `…@….gserviceaccount.com` callers are service accounts; any other email is a person. */
export function gcpPrincipal(email: string | undefined, keyName?: string): PrincipalRef | null {
  if (!email) return null;
  if (/\.gserviceaccount\.com$/i.test(email)) return serviceAccount(email.toLowerCase(), keyName?.split("/keys/")[1]);
  return { externalIds: [email, `user:${email}`], name: email, kind: "SERVICE_ACCOUNT", human: true, email: looksLikeEmail(email) ? email.toLowerCase() : undefined };
}

const accountIn = (...names: (string | undefined)[]) => {
  for (const n of names) {
    const m = n ? /serviceAccounts\/([^/]+@[^/]+)/.exec(n) : null;
    if (m) return m[1]!.toLowerCase();
  }
  return undefined;
};

function classify(method: string, p: unknown) {
  let kind: EventKind = "API_CALL";
  let subject: PrincipalRef | null = null;
  const detail: NormalizedEvent["detail"] = {};
  const names = [str(p, "request", "name"), str(p, "response", "name"), str(p, "resourceName")];
  if (endsWithMethod(method, "CreateServiceAccountKey") || endsWithMethod(method, "DeleteServiceAccountKey")) {
    kind = endsWithMethod(method, "CreateServiceAccountKey") ? "CREDENTIAL_CREATED" : "CREDENTIAL_DELETED";
    const email = accountIn(...names);
    const keyId = (str(p, "response", "name") ?? str(p, "request", "name") ?? "").split("/keys/")[1];
    detail.credentialId = keyId;
    subject = email ? serviceAccount(email, keyId) : null;
  } else if (endsWithMethod(method, "CreateServiceAccount")) {
    kind = "IDENTITY_CREATED";
    const email = str(p, "response", "email") ?? accountIn(...names);
    subject = email ? serviceAccount(email.toLowerCase()) : null;
  } else if (endsWithMethod(method, "SetIamPolicy")) {
    const deltas = arr(p, "serviceData", "policyDelta", "bindingDeltas");
    const delta = deltas.find((d) => str(d, "member")?.startsWith("serviceAccount:")) ?? deltas[0];
    if (delta) {
      kind = str(delta, "action") === "REMOVE" ? "PERMISSION_REVOKED" : "PERMISSION_GRANTED";
      detail.permission = `${str(delta, "role") ?? "role"} on ${str(p, "resourceName") ?? "?"}`;
      const member = str(delta, "member") ?? "";
      const [type, who] = [member.split(":")[0], member.slice(member.indexOf(":") + 1)];
      subject = type === "serviceAccount" ? serviceAccount(who.toLowerCase()) : type === "user" ? gcpPrincipal(who) : null;
    }
  } else if (TOKEN_METHODS.test(method)) {
    kind = "TOKEN_ISSUED";
    const email = accountIn(...names);
    subject = email ? serviceAccount(email) : null;
  }
  return { kind, subject, detail };
}

export function normalizeGcpAudit(record: unknown): NormalizeOutcome {
  if (!isObj(record)) return { status: "unknown", reason: "not a JSON object" };
  const p = record.protoPayload;
  if (!isObj(p)) return { status: "unknown", reason: "not an audit log entry (no protoPayload)" };
  const method = str(p, "methodName");
  const occurredAt = time(record.timestamp);
  if (!method) return { status: "unknown", reason: "missing protoPayload.methodName" };
  if (!occurredAt) return { status: "unknown", reason: "missing timestamp" };
  const principal = gcpPrincipal(str(p, "authenticationInfo", "principalEmail"), str(p, "authenticationInfo", "serviceAccountKeyName"));
  const c = classify(method, p);
  const code = get(p, "status", "code");
  const labels = get(record, "resource", "labels");
  const insertId = str(record, "insertId");
  return {
    status: "event",
    event: {
      dedupeKey: `gcp-audit:${insertId ? `${insertId}@${occurredAt.toISOString()}` : contentHash(record)}`,
      occurredAt,
      kind: c.kind,
      principal,
      subject: c.subject,
      action: `${str(p, "serviceName") ?? "gcp"}:${method}`,
      target: str(p, "resourceName") ?? null,
      sourceIp: str(p, "requestMetadata", "callerIp") ?? null,
      region: str(arr(p, "resourceLocation", "currentLocations")[0]) ?? str(labels, "location") ?? str(labels, "region") ?? str(labels, "zone") ?? null,
      userAgent: str(p, "requestMetadata", "callerSuppliedUserAgent") ?? null,
      outcome: typeof code === "number" && code !== 0 ? `${code}${str(p, "status", "message") ? `: ${str(p, "status", "message")}` : ""}` : "success",
      context: str(labels, "project_id") ?? null,
      detail: c.detail,
      raw: record,
    },
  };
}

export const gcpAudit: EventFormatSpec = {
  name: "gcp-audit",
  logName: "Google Cloud audit logs",
  sourceKind: "GCP",
  records: (text) => jsonRecords(text, ["entries"]),
  normalize: normalizeGcpAudit,
};
