import type { CredentialKind, IdentityKind } from "@/prisma/generated/enums";

/** One problem in an input file: where it is (1-based line, column name or JSON path) and why. */
export type RowIssue = { line: number | null; column: string | null; reason: string };

export type NormalizedCredential = {
  externalId: string;
  kind: CredentialKind;
  status: "ACTIVE" | "INACTIVE" | "EXPIRED";
  createdAt: Date | null;
  lastRotatedAt: Date | null;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
};

/** An entitlement already classified (see classify-entitlement.ts) so the sync stores its flags as-is. */
export type NormalizedEntitlement = {
  name: string;
  resource: string;
  privileged: boolean;
  wildcard: boolean;
  canMint: boolean;
  grantedAt: Date | null;
  grantedBy: string | null;
};

export type NormalizedIdentity = {
  /** where the identity starts in the file, so later checks (unknown owner email) can point at it */
  line: number | null;
  externalId: string;
  name: string;
  kind: IdentityKind;
  status: "ACTIVE" | "DISABLED";
  environment: string | null;
  purpose: string | null;
  createdAtSource: Date | null;
  createdBy: string | null;
  lastUsedAt: Date | null;
  tags: Record<string, string>;
  /** owner named by the file itself (rollcall formats); null when the file says nothing */
  owner: { email: string | null; team: string | null } | null;
  credentials: NormalizedCredential[];
  entitlements: NormalizedEntitlement[];
};

/** Identity attributes a format knows; a sync only overwrites what its format provides. */
export type IdentityAttribute = "name" | "kind" | "status" | "environment" | "purpose" | "createdAtSource" | "createdBy" | "tags";

/**
 * What a file is authoritative for. Two formats can feed one source (an AWS account gets the credential
 * report and the authorization details): each replaces only what it covers and removes only identities
 * whose externalId falls in its scope.
 */
export type Coverage = {
  attributes: IdentityAttribute[];
  credentials: boolean;
  entitlements: boolean;
  owners: boolean;
  /** SQL LIKE patterns over externalId of identities this format lists completely; "all" for our own formats */
  removalScope: "all" | string[];
  /** externalIds present in the file but deliberately not imported (e.g. human IAM users): never removed */
  retain: string[];
};

export type ParseOk = { ok: true; identities: NormalizedIdentity[]; coverage: Coverage; warnings: RowIssue[]; rows: number };
export type ParseFailed = { ok: false; errors: RowIssue[]; warnings: RowIssue[]; rows: number };
export type ParseResult = ParseOk | ParseFailed;

/** Errors beyond this many are summarised: a broken 1M-row file should not produce a 1M-line answer. */
export const MAX_REPORTED_ISSUES = 1000;

export class IssueList {
  readonly items: RowIssue[] = [];
  total = 0;
  add(line: number | null, column: string | null, reason: string) {
    this.total++;
    if (this.items.length < MAX_REPORTED_ISSUES) this.items.push({ line, column, reason });
  }
  get size() {
    return this.total;
  }
  /** the list with a closing line saying how many more were not shown */
  list(): RowIssue[] {
    const hidden = this.total - this.items.length;
    return hidden > 0 ? [...this.items, { line: null, column: null, reason: `…and ${hidden} more problems not listed` }] : this.items;
  }
}

/** Issues in file order (line, then as found), so the list reads top to bottom. */
export function byLine(issues: RowIssue[]): RowIssue[] {
  return issues.map((issue, i) => ({ issue, i })).sort((a, b) => (a.issue.line ?? Infinity) - (b.issue.line ?? Infinity) || a.i - b.i).map((x) => x.issue);
}

export function finish(identities: NormalizedIdentity[], coverage: Coverage, errors: IssueList, warnings: IssueList, rows: number): ParseResult {
  return errors.size > 0
    ? { ok: false, errors: byLine(errors.list()), warnings: warnings.list(), rows }
    : { ok: true, identities, coverage, warnings: warnings.list(), rows };
}
