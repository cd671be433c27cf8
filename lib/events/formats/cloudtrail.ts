import type { EventKind } from "@/prisma/generated/enums";
import type { EventFormatSpec, NormalizeOutcome, NormalizedEvent, PrincipalRef } from "@/lib/events/types";
import { contentHash, get, isObj, looksLikeEmail, str, time } from "@/lib/events/formats/fields";
import { jsonRecords } from "@/lib/events/formats/read-records";

// AWS CloudTrail records (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html),
// as delivered to S3 ({"Records":[…]}) or as JSON lines.

const TOKEN_CALLS = new Set(["AssumeRole", "GetSessionToken", "GetFederationToken", "AssumeRoleWithWebIdentity", "AssumeRoleWithSAML"]);
const POLICY_CALL = /^(Attach|Put|Detach|Delete)(User|Role|Group)Policy$/;

/** The acting principal of a record's userIdentity; null for AWS services and unknown callers. */
export function cloudTrailPrincipal(userIdentity: unknown): PrincipalRef | null {
  if (!isObj(userIdentity)) return null;
  const type = str(userIdentity, "type");
  const arn = str(userIdentity, "arn");
  const accessKeyId = str(userIdentity, "accessKeyId");
  // Long-lived keys (AKIA…) are inventoried credentials; session keys (ASIA…) are not worth matching.
  const longLived = accessKeyId?.startsWith("AKIA") ? accessKeyId : undefined;
  const issuerArn = str(userIdentity, "sessionContext", "sessionIssuer", "arn");
  switch (type) {
    case "IAMUser":
      if (!arn && !longLived) return null;
      return {
        credentialId: longLived, credentialKind: longLived ? "ACCESS_KEY" : undefined,
        externalIds: arn ? [arn] : [], name: str(userIdentity, "userName") ?? arn?.split("/").pop() ?? longLived!, kind: "SERVICE_ACCOUNT", human: false,
      };
    case "AssumedRole": {
      if (!arn && !issuerArn) return null;
      const roleName = str(userIdentity, "sessionContext", "sessionIssuer", "userName") ?? issuerArn?.split("/").pop() ?? arn!.split("/")[1] ?? arn!;
      const sessionName = arn?.split("/")[2];
      // IAM Identity Center (SSO) roles carry people; their session name is usually the person's email.
      const human = roleName.startsWith("AWSReservedSSO_") || looksLikeEmail(sessionName);
      return { externalIds: [issuerArn, arn].filter((x): x is string => Boolean(x)), name: roleName, kind: "WORKLOAD", human, email: looksLikeEmail(sessionName) ? sessionName.toLowerCase() : undefined };
    }
    case "FederatedUser":
      return arn ? { externalIds: [issuerArn, arn].filter((x): x is string => Boolean(x)), name: arn.split("/").pop() ?? arn, kind: "TOKEN", human: false } : null;
    case "Root":
      return { externalIds: arn ? [arn] : [], name: `root (${str(userIdentity, "accountId") ?? "account"})`, kind: "SERVICE_ACCOUNT", human: true };
    case "SAMLUser":
    case "IdentityCenterUser": {
      const userName = str(userIdentity, "userName") ?? str(userIdentity, "principalId");
      return userName ? { externalIds: [userName], name: userName, kind: "SERVICE_ACCOUNT", human: true, email: looksLikeEmail(userName) ? userName.toLowerCase() : undefined } : null;
    }
    case "WebIdentityUser": {
      const userName = str(userIdentity, "userName") ?? str(userIdentity, "principalId");
      return userName ? { externalIds: [userName], name: userName, kind: "WORKLOAD", human: false } : null;
    }
    default:
      return null;
  }
}

const iamArn = (account: string | undefined, type: "user" | "role", name: string) => `arn:aws:iam::${account ?? "unknown"}:${type}/${name}`;

function classify(eventName: string, record: Record<string, unknown>, account: string | undefined, actor: PrincipalRef | null) {
  const rp = get(record, "requestParameters");
  const re = get(record, "responseElements");
  const userTarget = (userName: string | undefined): PrincipalRef | null =>
    userName ? { externalIds: [iamArn(account, "user", userName)], name: userName, kind: "SERVICE_ACCOUNT", human: false } : actor;
  let kind: EventKind = "API_CALL";
  let subject: PrincipalRef | null = null;
  let target: string | undefined;
  const detail: NormalizedEvent["detail"] = {};

  if (eventName === "CreateAccessKey") {
    kind = "CREDENTIAL_CREATED";
    const keyId = str(re, "accessKey", "accessKeyId");
    const base = userTarget(str(rp, "userName") ?? str(re, "accessKey", "userName"));
    subject = base ? { ...base, credentialId: keyId, credentialKind: "ACCESS_KEY" } : null;
    detail.credentialId = keyId;
    target = keyId;
  } else if (eventName === "UpdateAccessKey" || eventName === "DeleteAccessKey") {
    const keyId = str(rp, "accessKeyId");
    const active = str(rp, "status") === "Active";
    kind = eventName === "UpdateAccessKey" && active ? "CREDENTIAL_CREATED" : "CREDENTIAL_DELETED";
    const base = userTarget(str(rp, "userName"));
    subject = base ? { ...base, credentialId: keyId, credentialKind: "ACCESS_KEY" } : null;
    detail.credentialId = keyId;
    target = keyId;
  } else if (eventName === "CreateUser" || eventName === "CreateRole") {
    kind = "IDENTITY_CREATED";
    const isUser = eventName === "CreateUser";
    const name = str(rp, isUser ? "userName" : "roleName");
    const arn = str(re, isUser ? "user" : "role", "arn") ?? (name ? iamArn(account, isUser ? "user" : "role", name) : undefined);
    subject = arn ? { externalIds: [arn], name: name ?? arn, kind: isUser ? "SERVICE_ACCOUNT" : "WORKLOAD", human: false } : null;
    target = arn;
  } else if (POLICY_CALL.test(eventName)) {
    const [, verb, on] = POLICY_CALL.exec(eventName)!;
    kind = verb === "Attach" || verb === "Put" ? "PERMISSION_GRANTED" : "PERMISSION_REVOKED";
    const permission = str(rp, "policyArn") ?? str(rp, "policyName");
    detail.permission = permission;
    if (on === "User") subject = userTarget(str(rp, "userName"));
    else if (on === "Role") {
      const roleName = str(rp, "roleName");
      subject = roleName ? { externalIds: [iamArn(account, "role", roleName)], name: roleName, kind: "WORKLOAD", human: false } : null;
    }
    target = on === "Group" ? `group/${str(rp, "groupName") ?? "?"}` : permission;
  } else if (TOKEN_CALLS.has(eventName)) {
    kind = "TOKEN_ISSUED";
    target = str(rp, "roleArn") ?? str(re, "credentials", "accessKeyId");
  } else if (eventName === "ConsoleLogin") {
    kind = "INTERACTIVE_LOGIN";
  }
  return { kind, subject, target, detail };
}

function defaultTarget(record: Record<string, unknown>): string | undefined {
  const resources = get(record, "resources");
  if (Array.isArray(resources) && resources.length) return str(resources[0], "ARN");
  const rp = get(record, "requestParameters");
  return str(rp, "bucketName") ?? str(rp, "functionName") ?? str(rp, "roleArn") ?? str(rp, "tableName") ?? str(rp, "name");
}

export function normalizeCloudTrail(record: unknown): NormalizeOutcome {
  if (!isObj(record)) return { status: "unknown", reason: "not a JSON object" };
  const eventName = str(record, "eventName");
  const occurredAt = time(record.eventTime);
  if (!eventName) return { status: "unknown", reason: "missing eventName" };
  if (!occurredAt) return { status: "unknown", reason: "missing or invalid eventTime" };
  if (!isObj(record.userIdentity)) return { status: "unknown", reason: "missing userIdentity" };
  const account = str(record, "recipientAccountId") ?? str(record, "userIdentity", "accountId");
  const principal = cloudTrailPrincipal(record.userIdentity);
  const c = classify(eventName, record, account, principal);
  const errorCode = str(record, "errorCode");
  const consoleResult = str(record, "responseElements", "ConsoleLogin");
  const service = str(record, "eventSource")?.replace(/\.amazonaws\.com$/, "") ?? "aws";
  return {
    status: "event",
    event: {
      dedupeKey: `cloudtrail:${str(record, "eventID") ?? contentHash(record)}`,
      occurredAt,
      kind: c.kind,
      principal,
      subject: c.subject && c.subject !== principal ? c.subject : null,
      action: `${service}:${eventName}`,
      target: c.target ?? defaultTarget(record) ?? null,
      sourceIp: str(record, "sourceIPAddress") ?? null,
      region: str(record, "awsRegion") ?? null,
      userAgent: str(record, "userAgent") ?? null,
      outcome: errorCode ?? (consoleResult && consoleResult !== "Success" ? consoleResult : "success"),
      context: account ?? null,
      detail: c.detail,
      raw: record,
    },
  };
}

export const cloudtrail: EventFormatSpec = {
  name: "cloudtrail",
  logName: "CloudTrail",
  sourceKind: "AWS",
  records: (text) => jsonRecords(text, ["Records"]),
  normalize: normalizeCloudTrail,
};
