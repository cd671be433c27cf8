import type { EventKind } from "@/prisma/generated/enums";
import type { EventFormatSpec, NormalizeOutcome, NormalizedEvent, PrincipalRef } from "@/lib/events/types";
import { contentHash, isObj, str, time } from "@/lib/events/formats/fields";
import { jsonRecords } from "@/lib/events/formats/read-records";

// GitHub organization audit log as returned by GET /orgs/{org}/audit-log (a JSON array of events with
// `@timestamp`, `action`, `actor`, `_document_id`, and for API calls `programmatic_access_type`, `token_id`).

/** The token when the call was made with one (PAT, OAuth or app token), else the acting account. */
export function githubPrincipal(record: Record<string, unknown>): PrincipalRef | null {
  const actor = str(record, "actor");
  const tokenId = str(record, "token_id");
  const access = str(record, "programmatic_access_type");
  if (access && tokenId) {
    const bot = actor?.endsWith("[bot]");
    return {
      credentialId: tokenId, credentialKind: "TOKEN", externalIds: [tokenId, ...(bot && actor ? [actor] : [])],
      name: bot && actor ? actor : `${access} ${tokenId}${actor ? ` of ${actor}` : ""}`, kind: bot ? "BOT" : "TOKEN", human: false,
    };
  }
  if (!actor) return null;
  if (actor.endsWith("[bot]")) return { externalIds: [actor], name: actor, kind: "BOT", human: false };
  return { externalIds: [actor], name: actor, kind: "SERVICE_ACCOUNT", human: true };
}

const tokenSubject = (record: Record<string, unknown>): PrincipalRef | null => {
  const tokenId = str(record, "token_id");
  return tokenId ? { credentialId: tokenId, credentialKind: "TOKEN", externalIds: [tokenId], name: str(record, "token_name") ?? `token ${tokenId}`, kind: "TOKEN", human: false } : null;
};

function classify(action: string, record: Record<string, unknown>) {
  let kind: EventKind = "API_CALL";
  let subject: PrincipalRef | null = null;
  const detail: NormalizedEvent["detail"] = {};
  const integration = str(record, "integration") ?? str(record, "name");
  const appSubject: PrincipalRef | null = integration ? { externalIds: [integration], name: integration, kind: "OAUTH_APP", human: false } : null;
  const fingerprint = str(record, "deploy_key_fingerprint") ?? str(record, "fingerprint");
  switch (action) {
    case "personal_access_token.access_granted":
      kind = "CREDENTIAL_CREATED"; subject = tokenSubject(record); detail.credentialId = str(record, "token_id"); break;
    case "personal_access_token.access_revoked":
      kind = "CREDENTIAL_DELETED"; subject = tokenSubject(record); detail.credentialId = str(record, "token_id"); break;
    case "oauth_access.create":
      kind = "TOKEN_ISSUED"; break;
    case "oauth_authorization.create":
      kind = "PERMISSION_GRANTED"; detail.permission = str(record, "oauth_application_name") ?? "OAuth authorization"; break;
    case "oauth_authorization.destroy":
      kind = "PERMISSION_REVOKED"; detail.permission = str(record, "oauth_application_name") ?? "OAuth authorization"; break;
    case "integration_installation.create":
      kind = "IDENTITY_CREATED"; subject = appSubject; break;
    case "integration_installation.repositories_added":
    case "integration_installation.version_updated":
      kind = "PERMISSION_GRANTED"; subject = appSubject; detail.permission = str(record, "repository") ?? str(record, "repo") ?? "repository access"; break;
    case "integration_installation.repositories_removed":
      kind = "PERMISSION_REVOKED"; subject = appSubject; detail.permission = str(record, "repository") ?? str(record, "repo") ?? "repository access"; break;
    case "deploy_key.create":
    case "deploy_key.delete":
      kind = action === "deploy_key.create" ? "CREDENTIAL_CREATED" : "CREDENTIAL_DELETED";
      detail.credentialId = fingerprint;
      subject = fingerprint ? { credentialId: fingerprint, credentialKind: "SSH_KEY", externalIds: [fingerprint], name: `deploy key ${str(record, "title") ?? fingerprint}${str(record, "repo") ? ` on ${str(record, "repo")}` : ""}`, kind: "DEPLOY_KEY", human: false } : null;
      break;
    case "org.add_member":
    case "org.update_member":
      kind = "PERMISSION_GRANTED"; detail.permission = str(record, "permission") ?? "organization member";
      subject = str(record, "user") ? { externalIds: [str(record, "user")!], name: str(record, "user")!, kind: "SERVICE_ACCOUNT", human: !str(record, "user")!.endsWith("[bot]") } : null;
      break;
    case "org.remove_member":
      kind = "PERMISSION_REVOKED"; detail.permission = "organization member";
      subject = str(record, "user") ? { externalIds: [str(record, "user")!], name: str(record, "user")!, kind: "SERVICE_ACCOUNT", human: !str(record, "user")!.endsWith("[bot]") } : null;
      break;
    case "user.login":
      kind = "INTERACTIVE_LOGIN"; break;
  }
  return { kind, subject, detail };
}

export function normalizeGithubAudit(record: unknown): NormalizeOutcome {
  if (!isObj(record)) return { status: "unknown", reason: "not a JSON object" };
  const action = str(record, "action");
  const occurredAt = time(record["@timestamp"]) ?? time(record.created_at);
  if (!action) return { status: "unknown", reason: "missing action" };
  if (!occurredAt) return { status: "unknown", reason: "missing @timestamp" };
  const principal = githubPrincipal(record);
  const c = classify(action, record);
  return {
    status: "event",
    event: {
      dedupeKey: `github-audit:${str(record, "_document_id") ?? contentHash(record)}`,
      occurredAt,
      kind: c.kind,
      principal,
      subject: c.subject,
      action,
      target: str(record, "repo") ?? str(record, "repository") ?? str(record, "user") ?? str(record, "org") ?? null,
      sourceIp: str(record, "actor_ip") ?? null,
      region: str(record, "actor_location", "country_code") ?? null,
      userAgent: str(record, "user_agent") ?? null,
      outcome: "success",
      context: str(record, "repo") ?? str(record, "repository") ?? str(record, "org") ?? null,
      detail: c.detail,
      raw: record,
    },
  };
}

export const githubAudit: EventFormatSpec = {
  name: "github-audit",
  logName: "the GitHub audit log",
  sourceKind: "GITHUB",
  records: (text) => jsonRecords(text, []),
  normalize: normalizeGithubAudit,
};
