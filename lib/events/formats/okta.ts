import type { EventKind, IdentityKind } from "@/prisma/generated/enums";
import type { EventFormatSpec, NormalizeOutcome, NormalizedEvent, PrincipalRef } from "@/lib/events/types";
import { arr, contentHash, isObj, looksLikeEmail, str, time } from "@/lib/events/formats/fields";
import { jsonRecords } from "@/lib/events/formats/read-records";

// Okta System Log, GET /api/v1/logs (a JSON array of LogEvent objects with uuid, published, eventType,
// actor, client, outcome, target[]), https://developer.okta.com/docs/reference/api/system-log/.

const APP_TYPES = new Set(["PublicClientApp", "AppInstance", "Client", "OAuth2Client", "ClientApp"]);

function entity(e: unknown, fallbackKind: IdentityKind): PrincipalRef | null {
  const id = str(e, "id");
  const type = str(e, "type");
  const alternateId = str(e, "alternateId");
  if (!id && !alternateId) return null;
  if (type === "SystemPrincipal") return null;
  const ids = [id, alternateId].filter((x, i, all): x is string => Boolean(x) && x !== "unknown" && all.indexOf(x) === i);
  const name = str(e, "displayName") ?? alternateId ?? id!;
  if (type === "User") return { externalIds: ids, name, kind: "SERVICE_ACCOUNT", human: true, email: looksLikeEmail(alternateId) ? alternateId.toLowerCase() : undefined };
  if (type && APP_TYPES.has(type)) return { externalIds: ids, name, kind: "OAUTH_APP", human: false };
  if (type === "Token") return { credentialId: id, credentialKind: "TOKEN", externalIds: ids, name, kind: "TOKEN", human: false };
  return { externalIds: ids, name, kind: fallbackKind, human: false };
}

const targetOf = (record: Record<string, unknown>, types: string[]) => arr(record, "target").find((t) => types.includes(str(t, "type") ?? ""));

function classify(eventType: string, record: Record<string, unknown>) {
  let kind: EventKind = "API_CALL";
  let subject: PrincipalRef | null = null;
  const detail: NormalizedEvent["detail"] = {};
  if (eventType === "system.api_token.create" || eventType === "system.api_token.revoke") {
    kind = eventType.endsWith("create") ? "CREDENTIAL_CREATED" : "CREDENTIAL_DELETED";
    const token = targetOf(record, ["Token"]) ?? arr(record, "target")[0];
    subject = token ? entity({ ...(token as object), type: "Token" }, "TOKEN") : null;
    detail.credentialId = str(token, "id");
  } else if (/^app\.oauth2\.(as\.)?token\.grant/.test(eventType)) {
    kind = "TOKEN_ISSUED";
  } else if (eventType === "user.session.start") {
    kind = "INTERACTIVE_LOGIN";
  } else if (eventType === "application.lifecycle.create" || eventType === "app.oauth2.client.lifecycle.create") {
    kind = "IDENTITY_CREATED";
    const app = targetOf(record, [...APP_TYPES]);
    subject = app ? entity(app, "OAUTH_APP") : null;
  } else if (/\.(privilege|consent)\.grant$|\.user_membership\.add$/.test(eventType) || /\.(privilege|consent)\.revoke$|\.user_membership\.remove$/.test(eventType)) {
    kind = /grant$|add$/.test(eventType) ? "PERMISSION_GRANTED" : "PERMISSION_REVOKED";
    const who = targetOf(record, ["User", ...APP_TYPES]);
    subject = who ? entity(who, "OAUTH_APP") : null;
    const what = arr(record, "target").find((t) => t !== who);
    detail.permission = str(what, "displayName") ?? str(what, "alternateId") ?? eventType;
  }
  return { kind, subject, detail };
}

export function normalizeOkta(record: unknown): NormalizeOutcome {
  if (!isObj(record)) return { status: "unknown", reason: "not a JSON object" };
  const eventType = str(record, "eventType");
  const occurredAt = time(record.published);
  if (!eventType) return { status: "unknown", reason: "missing eventType" };
  if (!occurredAt) return { status: "unknown", reason: "missing published" };
  const principal = entity(record.actor, "OAUTH_APP");
  const c = classify(eventType, record);
  const result = str(record, "outcome", "result");
  const firstTarget = arr(record, "target")[0];
  return {
    status: "event",
    event: {
      dedupeKey: `okta:${str(record, "uuid") ?? contentHash(record)}`,
      occurredAt,
      kind: c.kind,
      principal,
      subject: c.subject,
      action: eventType,
      target: str(firstTarget, "displayName") ?? str(firstTarget, "alternateId") ?? str(firstTarget, "id") ?? null,
      sourceIp: str(record, "client", "ipAddress") ?? null,
      region: str(record, "client", "geographicalContext", "country") ?? null,
      userAgent: str(record, "client", "userAgent", "rawUserAgent") ?? null,
      outcome: !result || result === "SUCCESS" || result === "ALLOW" ? "success" : [result, str(record, "outcome", "reason")].filter(Boolean).join(": "),
      context: null,
      detail: c.detail,
      raw: record,
    },
  };
}

export const okta: EventFormatSpec = {
  name: "okta",
  logName: "the Okta System Log",
  sourceKind: "OKTA",
  records: (text) => jsonRecords(text, []),
  normalize: normalizeOkta,
};
