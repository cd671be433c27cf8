import { classifyGithubPermission } from "@/lib/inventory/classify-entitlement";
import { readDate } from "@/lib/inventory/formats/field-values";
import { issueAt, isObject, readJsonDocument, str, type JsonPath } from "@/lib/inventory/formats/json-document";
import { IssueList, finish, type Coverage, type NormalizedEntitlement, type NormalizedIdentity, type ParseResult } from "@/lib/inventory/formats/types";

// github-pats: the answer of GET /orgs/{org}/personal-access-tokens ("list fine-grained personal access
// tokens with access to organization resources"); `gh api --paginate --slurp` output (a list of pages) too.
const coverage = (): Coverage => ({
  attributes: ["name", "kind", "status", "createdAtSource", "createdBy", "tags"],
  credentials: true,
  entitlements: true,
  owners: false,
  removalScope: ["github:pat:%"],
  retain: [],
});

export function parseGithubPats(bytes: Uint8Array): ParseResult {
  const errors = new IssueList();
  const warnings = new IssueList();
  const doc = readJsonDocument(bytes, errors);
  if (!doc) return finish([], coverage(), errors, warnings, 0);
  if (!Array.isArray(doc.value)) {
    issueAt(doc, errors, [], "expected the JSON list returned by GET /orgs/{org}/personal-access-tokens");
    return finish([], coverage(), errors, warnings, 0);
  }
  const pages = doc.value.length > 0 && doc.value.every(Array.isArray);
  const grants: { item: unknown; path: JsonPath }[] = pages
    ? (doc.value as unknown[][]).flatMap((page, p) => page.map((item, i) => ({ item, path: [p, i] })))
    : doc.value.map((item, i) => ({ item, path: [i] }));

  const identities: NormalizedIdentity[] = [];
  const seen = new Set<string>();
  for (const { item, path } of grants) {
    if (!isObject(item)) {
      issueAt(doc, errors, path, "expected a token object");
      continue;
    }
    const id = typeof item.id === "number" ? String(item.id) : null;
    if (!id) {
      issueAt(doc, errors, [...path, "id"], "id must be a number");
      continue;
    }
    const login = isObject(item.owner) ? str(item.owner.login) : null;
    if (!login) issueAt(doc, errors, [...path, "owner", "login"], "required value is missing");
    const date = (field: string) => {
      const read = readDate(str(item[field]));
      if (!read.ok) issueAt(doc, errors, [...path, field], read.reason);
      return read.ok ? read.value : null;
    };
    const granted = date("access_granted_at");
    const expires = date("token_expires_at");
    const used = date("token_last_used_at");
    if (item.token_expired !== undefined && typeof item.token_expired !== "boolean") issueAt(doc, errors, [...path, "token_expired"], "must be true or false");
    const expired = item.token_expired === true;
    const selection = str(item.repository_selection);
    if (selection !== null && !["none", "all", "subset"].includes(selection)) issueAt(doc, errors, [...path, "repository_selection"], `"${selection}" is not none, all or subset`);
    const externalId = `github:pat:${id}`;
    if (seen.has(externalId)) {
      issueAt(doc, errors, [...path, "id"], `token grant ${id} appears twice`);
      continue;
    }
    seen.add(externalId);

    const entitlements: NormalizedEntitlement[] = [];
    if (item.permissions !== undefined && !isObject(item.permissions)) issueAt(doc, errors, [...path, "permissions"], "expected an object of permission groups");
    const permissions = isObject(item.permissions) ? item.permissions : {};
    for (const [group, perms] of Object.entries(permissions)) {
      if (!isObject(perms)) continue;
      for (const [permission, level] of Object.entries(perms)) {
        if (typeof level !== "string") {
          issueAt(doc, errors, [...path, "permissions", group, permission], "the access level must be a string (read, write, admin)");
          continue;
        }
        const c = classifyGithubPermission(group, permission, level, selection);
        const resource = group === "repository" ? (selection === "all" ? "all repositories" : "selected repositories") : "organization";
        entitlements.push({ name: `${group}.${permission}:${level}`, resource, privileged: c.privileged, wildcard: c.wildcard, canMint: c.canMint, grantedAt: granted, grantedBy: login });
      }
    }
    const tokenId = typeof item.token_id === "number" ? String(item.token_id) : id;
    identities.push({
      line: doc.itemLine(path),
      externalId,
      name: str(item.token_name) ?? `${login ?? "unknown"}'s token ${id}`,
      kind: "TOKEN",
      status: expired ? "DISABLED" : "ACTIVE",
      environment: null,
      purpose: null,
      createdAtSource: granted,
      createdBy: login,
      lastUsedAt: used,
      tags: { owner_login: login ?? "", repository_selection: selection ?? "none" },
      owner: null,
      credentials: [{ externalId: `github:token:${tokenId}`, kind: "TOKEN", status: expired ? "EXPIRED" : "ACTIVE", createdAt: granted, lastRotatedAt: granted, expiresAt: expires, lastUsedAt: used }],
      entitlements,
    });
  }
  return finish(identities, coverage(), errors, warnings, grants.length);
}
