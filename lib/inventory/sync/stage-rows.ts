// Pure: turns normalized identities into rows of the sync's staging table, in PostgreSQL's COPY text
// format. One table holds three kinds of rows (identity, credential, entitlement) so the whole file
// streams through a single COPY.
import { randomUUID } from "node:crypto";
import { blastRadius } from "@/lib/inventory/blast-radius";
import type { Coverage, NormalizedIdentity, RowIssue } from "@/lib/inventory/formats/types";
import { proposedOwner, type OwnerRuleSpec } from "@/lib/ownership/rules";

export const STAGE_COLUMNS = [
  "rec", "line", "ext", "pid",
  "name", "kind", "status", "environment", "purpose", "created_at_source", "created_by", "last_used_at", "tags",
  "privileged", "risk_flags", "blast_radius", "oldest_credential_at", "owner_id", "owning_team_id", "owner_source", "owner_rule_id",
  "c_ext", "c_kind", "c_status", "c_created_at", "c_rotated_at", "c_expires_at", "c_last_used_at",
  "e_name", "e_resource", "e_privileged", "e_wildcard", "e_can_mint", "e_granted_at", "e_granted_by",
] as const;

export const STAGE_TABLE_SQL = `CREATE TEMP TABLE rc_stage (
  rec "char" NOT NULL, line int, ext text NOT NULL, pid text NOT NULL,
  name text, kind text, status text, environment text, purpose text, created_at_source timestamp(3), created_by text, last_used_at timestamp(3), tags jsonb,
  privileged boolean, risk_flags text[], blast_radius int, oldest_credential_at timestamp(3), owner_id text, owning_team_id text, owner_source text, owner_rule_id text,
  c_ext text, c_kind text, c_status text, c_created_at timestamp(3), c_rotated_at timestamp(3), c_expires_at timestamp(3), c_last_used_at timestamp(3),
  e_name text, e_resource text, e_privileged boolean, e_wildcard boolean, e_can_mint boolean, e_granted_at timestamp(3), e_granted_by text
)`;

type Value = string | number | boolean | Date | null | undefined | string[] | Record<string, string>;

/** COPY text format: tab-separated, \N for null, backslash escapes for \, tab, newline and CR. */
export function copyField(value: Value): string {
  if (value === null || value === undefined) return "\\N";
  if (typeof value === "boolean") return value ? "t" : "f";
  if (typeof value === "number") return String(value);
  if (value instanceof Date) return value.toISOString();
  const text = Array.isArray(value) ? `{${value.map((v) => `"${v.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`).join(",")}}` : typeof value === "object" ? JSON.stringify(value) : value;
  return text.replace(/[\\\t\n\r]/g, (ch) => (ch === "\\" ? "\\\\" : ch === "\t" ? "\\t" : ch === "\n" ? "\\n" : "\\r"));
}

const line = (values: Value[]) => `${values.map(copyField).join("\t")}\n`;
const pad = (n: number) => Array.from({ length: n }, () => null);

export type StageContext = {
  sourceId: string;
  coverage: Coverage;
  rules: OwnerRuleSpec[];
  usersByEmail: Map<string, string>;
  teamsByName: Map<string, string>;
};

export const newIdentityId = () => `idn_${randomUUID().replaceAll("-", "")}`;

/** Oldest rotation (or creation) among active credentials: the credential-age filter reads this. */
export function oldestCredentialAt(identity: NormalizedIdentity): Date | null {
  let oldest: Date | null = null;
  for (const c of identity.credentials) {
    const at = c.lastRotatedAt ?? c.createdAt;
    if (c.status === "ACTIVE" && at && (!oldest || at < oldest)) oldest = at;
  }
  return oldest;
}

/** The owner a sync proposes for an identity (file owner, else first matching rule), or why it cannot. */
export function ownerFor(identity: NormalizedIdentity, ctx: StageContext): { owner: ReturnType<typeof proposedOwner>; issues: RowIssue[] } {
  const issues: RowIssue[] = [];
  let fileOwner: { userId: string | null; teamId: string | null } | null = null;
  if (ctx.coverage.owners && identity.owner) {
    const userId = identity.owner.email ? ctx.usersByEmail.get(identity.owner.email.toLowerCase()) ?? null : null;
    const teamId = identity.owner.team ? ctx.teamsByName.get(identity.owner.team.toLowerCase()) ?? null : null;
    if (identity.owner.email && !userId) issues.push({ line: identity.line, column: "owner_email", reason: `no person with the email ${identity.owner.email} in this workspace` });
    if (identity.owner.team && !teamId) issues.push({ line: identity.line, column: "owner_team", reason: `no team named ${identity.owner.team} in this workspace` });
    fileOwner = { userId, teamId };
  }
  const owner = proposedOwner({ sourceId: ctx.sourceId, kind: identity.kind, name: identity.name, externalId: identity.externalId, tags: identity.tags }, fileOwner, ctx.rules);
  return { owner, issues };
}

/**
 * The staging rows of one identity, or the reasons it cannot be staged (an owner the workspace does
 * not know). Blast radius and owner are decided here, in TypeScript, so the SQL only moves rows.
 */
export function stageRows(identity: NormalizedIdentity, ctx: StageContext, pid: string): { text: string; issues: RowIssue[] } {
  const { owner, issues } = ownerFor(identity, ctx);
  const blast = blastRadius({ externalId: identity.externalId, environment: identity.environment, entitlements: identity.entitlements });
  let text = line([
    "i", identity.line, identity.externalId, pid,
    identity.name, identity.kind, identity.status, identity.environment, identity.purpose, identity.createdAtSource, identity.createdBy, identity.lastUsedAt, identity.tags,
    blast.flags.includes("privileged"), blast.flags, blast.score, oldestCredentialAt(identity), owner?.ownerId, owner?.owningTeamId, owner?.source, owner?.ruleId,
    ...pad(14),
  ]);
  if (ctx.coverage.credentials) {
    for (const c of identity.credentials) {
      text += line(["c", identity.line, identity.externalId, pid, ...pad(17), c.externalId, c.kind, c.status, c.createdAt, c.lastRotatedAt, c.expiresAt, c.lastUsedAt, ...pad(7)]);
    }
  }
  if (ctx.coverage.entitlements) {
    for (const e of identity.entitlements) {
      text += line(["e", identity.line, identity.externalId, pid, ...pad(24), e.name, e.resource, e.privileged, e.wildcard, e.canMint, e.grantedAt, e.grantedBy]);
    }
  }
  return { text, issues };
}
