import { randomUUID } from "node:crypto";

/**
 * Builds CloudTrail records the way AWS writes them (see formats/fixtures), for db tests, the
 * benchmark and demos. Only the fields the normalizer reads are filled in.
 */
export type CloudTrailSpec = {
  at: Date;
  eventName?: string;
  eventSource?: string;
  arn: string;
  accessKeyId?: string;
  /** IAMUser (default) or AssumedRole (then `arn` is the role ARN and `session` the session name) */
  type?: "IAMUser" | "AssumedRole";
  session?: string;
  region?: string;
  ip?: string;
  userAgent?: string;
  requestParameters?: Record<string, unknown> | null;
  responseElements?: Record<string, unknown> | null;
  errorCode?: string;
  eventId?: string;
  account?: string;
};

export function cloudTrailRecord(s: CloudTrailSpec): Record<string, unknown> {
  const account = s.account ?? s.arn.split(":")[4] ?? "111122223333";
  const name = s.arn.split("/").pop() ?? s.arn;
  const userIdentity = s.type === "AssumedRole"
    ? {
      type: "AssumedRole", principalId: `AROAEXAMPLE:${s.session ?? "session"}`, arn: `arn:aws:sts::${account}:assumed-role/${name}/${s.session ?? "session"}`, accountId: account,
      accessKeyId: s.accessKeyId ?? "ASIAEXAMPLESESSION01", sessionContext: { sessionIssuer: { type: "Role", arn: s.arn, accountId: account, userName: name } },
    }
    : { type: "IAMUser", principalId: "AIDAEXAMPLE", arn: s.arn, accountId: account, userName: name, ...(s.accessKeyId ? { accessKeyId: s.accessKeyId } : {}) };
  const eventName = s.eventName ?? "GetObject";
  return {
    eventVersion: "1.08",
    userIdentity,
    eventTime: s.at.toISOString().replace(/\.\d{3}Z$/, "Z"),
    eventSource: s.eventSource ?? (eventName === "ConsoleLogin" ? "signin.amazonaws.com" : eventName.startsWith("Assume") ? "sts.amazonaws.com" : /Policy$|AccessKey$|^Create(User|Role)$/.test(eventName) ? "iam.amazonaws.com" : "s3.amazonaws.com"),
    eventName,
    awsRegion: s.region ?? "us-east-1",
    sourceIPAddress: s.ip ?? "198.51.100.23",
    userAgent: s.userAgent ?? "Boto3/1.34.2 md/Botocore#1.34.2 ua/2.0 os/linux#6.1 lang/python#3.12.1",
    requestParameters: s.requestParameters ?? null,
    responseElements: s.responseElements ?? (eventName === "ConsoleLogin" ? { ConsoleLogin: "Success" } : null),
    ...(s.errorCode ? { errorCode: s.errorCode } : {}),
    requestID: randomUUID(),
    eventID: s.eventId ?? randomUUID(),
    eventType: eventName === "ConsoleLogin" ? "AwsConsoleSignIn" : "AwsApiCall",
    recipientAccountId: account,
  };
}

export const cloudTrailFile = (records: Record<string, unknown>[]) => JSON.stringify({ Records: records });
