import { readCsvTable, type CsvRow } from "@/lib/inventory/formats/csv-table";
import { EMAIL, readBoolean, readChoice, readCredentialKind, readDate, readIdentityKind, readTags, type Read } from "@/lib/inventory/formats/field-values";
import { rollcallCoverage, rollcallEntitlement } from "@/lib/inventory/formats/rollcall-identity";
import { IssueList, finish, type NormalizedIdentity, type ParseResult } from "@/lib/inventory/formats/types";

// rollcall-csv: one row per identity, or several rows per identity (one per credential and/or
// entitlement) repeating the identity columns. The README's table documents every column.
export const ROLLCALL_CSV_COLUMNS = {
  identity: ["external_id", "name", "kind", "status", "environment", "purpose", "owner_email", "owner_team", "created_at", "created_by", "last_used_at", "tags"],
  credential: ["credential_id", "credential_kind", "credential_status", "credential_created_at", "credential_rotated_at", "credential_expires_at", "credential_last_used_at"],
  entitlement: ["entitlement", "entitlement_resource", "entitlement_privileged", "entitlement_can_mint", "entitlement_granted_at", "entitlement_granted_by"],
} as const;
const REQUIRED = ["external_id", "name", "kind"];
const ALL = [...ROLLCALL_CSV_COLUMNS.identity, ...ROLLCALL_CSV_COLUMNS.credential, ...ROLLCALL_CSV_COLUMNS.entitlement];

/** Identity columns that later rows of the same identity must repeat identically (or leave empty). */
const SHARED = ["name", "kind", "status", "environment", "purpose", "owner_email", "owner_team", "created_at", "created_by", "last_used_at", "tags"];

export function parseRollcallCsv(bytes: Uint8Array): ParseResult {
  const errors = new IssueList();
  const warnings = new IssueList();
  const table = readCsvTable(bytes, { required: REQUIRED, known: ALL }, errors, warnings);
  if (!table) return finish([], rollcallCoverage(), errors, warnings, 0);

  const byId = new Map<string, { identity: NormalizedIdentity; first: CsvRow; credentialLines: Map<string, number>; entitlementLines: Map<string, number> }>();
  for (const row of table.rows) {
    const read = <T,>(column: string, result: Read<T>): T | undefined => {
      if (result.ok) return result.value;
      errors.add(row.line, column, result.reason);
      return undefined;
    };
    const externalId = row.get("external_id");
    if (!externalId) {
      errors.add(row.line, "external_id", "required value is empty");
      continue;
    }
    let entry = byId.get(externalId);
    if (!entry) {
      const name = row.get("name");
      if (!name) errors.add(row.line, "name", "required value is empty");
      const email = row.get("owner_email").toLowerCase();
      if (email && !EMAIL.test(email)) errors.add(row.line, "owner_email", `"${email}" is not an email address`);
      const team = row.get("owner_team");
      entry = {
        first: row,
        credentialLines: new Map(),
        entitlementLines: new Map(),
        identity: {
          line: row.line,
          externalId,
          name,
          kind: read("kind", readIdentityKind(row.get("kind"))) ?? "SERVICE_ACCOUNT",
          status: read("status", readChoice(row.get("status"), ["ACTIVE", "DISABLED"] as const, "ACTIVE")) ?? "ACTIVE",
          environment: row.get("environment") || null,
          purpose: row.get("purpose") || null,
          createdAtSource: read("created_at", readDate(row.get("created_at"))) ?? null,
          createdBy: row.get("created_by") || null,
          lastUsedAt: read("last_used_at", readDate(row.get("last_used_at"))) ?? null,
          tags: read("tags", readTags(row.get("tags"))) ?? {},
          owner: email || team ? { email: email || null, team: team || null } : null,
          credentials: [],
          entitlements: [],
        },
      };
      byId.set(externalId, entry);
    } else {
      for (const column of SHARED) {
        const value = row.get(column);
        if (value && value !== entry.first.get(column)) errors.add(row.line, column, `"${value}" differs from line ${entry.first.line} for the same external_id`);
      }
    }

    const credentialId = row.get("credential_id");
    const credentialColumns = ROLLCALL_CSV_COLUMNS.credential.filter((c) => c !== "credential_id" && row.get(c));
    if (!credentialId && credentialColumns.length) errors.add(row.line, "credential_id", `required when ${credentialColumns[0]} is given`);
    if (credentialId) {
      const createdAt = read("credential_created_at", readDate(row.get("credential_created_at"))) ?? null;
      const credential = {
        externalId: credentialId,
        kind: read("credential_kind", readCredentialKind(row.get("credential_kind") || "access_key")) ?? "ACCESS_KEY",
        status: read("credential_status", readChoice(row.get("credential_status"), ["ACTIVE", "INACTIVE", "EXPIRED"] as const, "ACTIVE")) ?? "ACTIVE",
        createdAt,
        lastRotatedAt: (read("credential_rotated_at", readDate(row.get("credential_rotated_at"))) ?? null) ?? createdAt,
        expiresAt: read("credential_expires_at", readDate(row.get("credential_expires_at"))) ?? null,
        lastUsedAt: read("credential_last_used_at", readDate(row.get("credential_last_used_at"))) ?? null,
      };
      const previousLine = entry.credentialLines.get(credentialId);
      const previous = entry.identity.credentials.find((c) => c.externalId === credentialId);
      if (previous && JSON.stringify(previous) !== JSON.stringify(credential)) errors.add(row.line, "credential_id", `credential ${credentialId} is described differently on line ${previousLine}`);
      if (!previous) {
        entry.identity.credentials.push(credential);
        entry.credentialLines.set(credentialId, row.line);
      }
    }

    const entitlement = row.get("entitlement");
    const entitlementColumns = ROLLCALL_CSV_COLUMNS.entitlement.filter((c) => c !== "entitlement" && row.get(c));
    if (!entitlement && entitlementColumns.length) errors.add(row.line, "entitlement", `required when ${entitlementColumns[0]} is given`);
    if (entitlement) {
      const normalized = rollcallEntitlement({
        name: entitlement,
        resource: row.get("entitlement_resource") || "*",
        privileged: read("entitlement_privileged", readBoolean(row.get("entitlement_privileged"), false)),
        canMint: read("entitlement_can_mint", readBoolean(row.get("entitlement_can_mint"), false)),
        grantedAt: read("entitlement_granted_at", readDate(row.get("entitlement_granted_at"))) ?? null,
        grantedBy: row.get("entitlement_granted_by") || null,
      });
      const key = `${normalized.name}\u0000${normalized.resource}`;
      const previous = entry.identity.entitlements.find((e) => e.name === normalized.name && e.resource === normalized.resource);
      if (previous && JSON.stringify(previous) !== JSON.stringify(normalized)) errors.add(row.line, "entitlement", `entitlement ${normalized.name} on ${normalized.resource} is described differently on line ${entry.entitlementLines.get(key)}`);
      if (!previous) {
        entry.identity.entitlements.push(normalized);
        entry.entitlementLines.set(key, row.line);
      }
    }
  }
  return finish([...byId.values()].map((e) => e.identity), rollcallCoverage(), errors, warnings, table.rows.length);
}
