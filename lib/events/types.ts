import type { CredentialKind, EventKind, IdentityKind, SourceKind } from "@/prisma/generated/enums";

/**
 * Who acted (or who a change is about), with every key it can be matched by. Keys are tried in
 * order: the credential first (an access key id names exactly one identity), then external ids.
 */
export type PrincipalRef = {
  /** Credential.externalId: an AWS access key id, a GitHub token id, an Okta API token id */
  credentialId?: string;
  /** Identity.externalId candidates, most specific first (role ARN, `system:serviceaccount:ns:name`, client id) */
  externalIds: string[];
  /** what a reviewer reads: a user name, role name, service-account name */
  name: string;
  /** the kind a shadow identity gets when this principal is discovered */
  kind: IdentityKind;
  /** a person (SSO session, Okta user, GitHub user): matched when inventoried, never discovered as a machine identity */
  human: boolean;
  /** false for platform principals (Kubernetes nodes, control-plane components): matched when inventoried, never discovered */
  discoverable?: boolean;
  /** a person's email when the log names one, for separation of duties */
  email?: string;
  /** set when credentialId is long-lived (AKIA…, a PAT): a shadow identity gets it as a Credential */
  credentialKind?: CredentialKind;
};

/** One audit-log record in Rollcall's words (DESIGN.md §5). */
export type NormalizedEvent = {
  /** event id from the log (CloudTrail eventID, auditID, uuid, insertId…) or a content hash */
  dedupeKey: string;
  occurredAt: Date;
  kind: EventKind;
  /** who acted; null for records with no attributable principal (AWS service events) */
  principal: PrincipalRef | null;
  /** whom a change is about when that is not the actor (policy attached to a role, key created for a user, token minted for a service account) */
  subject: PrincipalRef | null;
  action: string;
  target: string | null;
  sourceIp: string | null;
  region: string | null;
  userAgent: string | null;
  /** "success", or the error code / status the log gives */
  outcome: string | null;
  /** where it happened as the log names it (account, project, namespace, explicit environment) */
  context: string | null;
  detail: EventDetail;
  raw: unknown;
};

/** An event once its line is written for COPY: what matching, discovery and the triggers still read (no key, outcome or raw record). */
export type ParsedEvent = Omit<NormalizedEvent, "dedupeKey" | "outcome" | "raw">;

export type EventDetail = {
  /** PERMISSION_*: the policy ARN, inline policy name, role or scope */
  permission?: string;
  /** CREDENTIAL_*: the key or token id */
  credentialId?: string;
  /** an explicit environment name when the log carries one (our jsonl) */
  environment?: string;
};

export type NormalizeOutcome =
  | { status: "event"; event: NormalizedEvent }
  /** known shape deliberately not ingested (e.g. a Kubernetes RequestReceived stage) */
  | { status: "skipped"; reason: string }
  | { status: "unknown"; reason: string };

export type EventFormatSpec = {
  name: string;
  /** how a reviewer names the log: "CloudTrail", "the Kubernetes audit log" */
  logName: string;
  /** where shadow identities discovered from this format are kept */
  sourceKind: SourceKind;
  /** turns a file's text into records (JSON document, wrapper object or JSON lines) */
  records: (text: string) => Iterable<RawRecord>;
  normalize: (record: unknown) => NormalizeOutcome;
};

/**
 * A record as found in the file, or why it could not even be read (line/index for the report).
 * `text`: the record's own JSON text when the file holds it on a line of its own (JSON lines), kept as
 * the raw record instead of encoding the parsed value again.
 */
export type RawRecord = { at: string; value: unknown; text?: string } | { at: string; error: string };
