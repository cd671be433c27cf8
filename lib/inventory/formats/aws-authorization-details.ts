import { awsPolicyResources, classifyAwsPolicy, type AwsStatement } from "@/lib/inventory/classify-entitlement";
import { readDate } from "@/lib/inventory/formats/field-values";
import { issueAt, isObject, readJsonDocument, str, type JsonPath } from "@/lib/inventory/formats/json-document";
import { IssueList, finish, type Coverage, type NormalizedEntitlement, type NormalizedIdentity, type ParseResult } from "@/lib/inventory/formats/types";

// aws-authorization-details: the JSON of `aws iam get-account-authorization-details`. Users and roles
// become identities; their managed, inline and group-inherited policies become entitlements.
const coverage = (): Coverage => ({
  attributes: ["name", "kind", "createdAtSource", "tags", "environment"],
  credentials: false,
  entitlements: true,
  owners: false,
  removalScope: ["arn:aws%:iam::%:user/%", "arn:aws%:iam::%:role/%"],
  retain: [],
});

type PolicyDoc = { statements: AwsStatement[] } | { error: string };

/** Policy documents come as objects from the CLI and URL-encoded JSON strings from the raw API. */
function readPolicyDocument(raw: unknown): PolicyDoc {
  let doc = raw;
  if (typeof raw === "string") {
    try {
      doc = JSON.parse(raw.trim().startsWith("{") ? raw : decodeURIComponent(raw));
    } catch {
      return { error: "the policy document is not valid JSON" };
    }
  }
  if (!isObject(doc)) return { error: "the policy document is missing" };
  const statement = doc.Statement;
  const statements = Array.isArray(statement) ? statement : isObject(statement) ? [statement] : null;
  if (!statements || !statements.every(isObject)) return { error: "the policy document has no Statement list" };
  return { statements: statements as AwsStatement[] };
}

const ENV_TAGS = ["environment", "env", "stage"];

function tagsOf(raw: unknown): Record<string, string> {
  const tags: Record<string, string> = {};
  if (Array.isArray(raw)) for (const t of raw) if (isObject(t) && typeof t.Key === "string") tags[t.Key] = str(t.Value) ?? "";
  return tags;
}

export function parseAwsAuthorizationDetails(bytes: Uint8Array): ParseResult {
  const errors = new IssueList();
  const warnings = new IssueList();
  const doc = readJsonDocument(bytes, errors);
  if (!doc) return finish([], coverage(), errors, warnings, 0);
  const root = doc.value;
  if (!isObject(root) || !["UserDetailList", "RoleDetailList", "GroupDetailList", "Policies"].some((k) => k in root)) {
    issueAt(doc, errors, [], "expected the output of aws iam get-account-authorization-details (UserDetailList, RoleDetailList, GroupDetailList, Policies)");
    return finish([], coverage(), errors, warnings, 0);
  }
  const listAt = (key: string): unknown[] => {
    const value = root[key];
    if (value === undefined) return [];
    if (!Array.isArray(value)) {
      issueAt(doc, errors, [key], "expected a list");
      return [];
    }
    return value;
  };

  // Managed policy documents by ARN (default version), parsed once.
  const policies = new Map<string, { name: string; doc: PolicyDoc; path: JsonPath }>();
  listAt("Policies").forEach((p, i) => {
    if (!isObject(p) || typeof p.Arn !== "string") return issueAt(doc, errors, ["Policies", i, "Arn"], "each policy needs an Arn");
    const versions = Array.isArray(p.PolicyVersionList) ? p.PolicyVersionList : [];
    const v = versions.findIndex((x) => isObject(x) && x.IsDefaultVersion === true);
    const path: JsonPath = ["Policies", i, "PolicyVersionList", v, "Document"];
    const parsed = v >= 0 ? readPolicyDocument((versions[v] as Record<string, unknown>).Document) : ({ error: "no default version" } as PolicyDoc);
    if ("error" in parsed && v >= 0) issueAt(doc, errors, path, parsed.error);
    policies.set(p.Arn, { name: str(p.PolicyName) ?? p.Arn, doc: parsed, path });
  });

  const entitlementsFrom = (owner: Record<string, unknown>, path: JsonPath, inlineKey: string, grantedBy: string | null, into: Map<string, NormalizedEntitlement>) => {
    const attached = owner.AttachedManagedPolicies;
    if (attached !== undefined && !Array.isArray(attached)) issueAt(doc, errors, [...path, "AttachedManagedPolicies"], "expected a list");
    (Array.isArray(attached) ? attached : []).forEach((a, j) => {
      if (!isObject(a) || typeof a.PolicyArn !== "string") return issueAt(doc, errors, [...path, "AttachedManagedPolicies", j], "each attached policy needs a PolicyArn");
      const name = str(a.PolicyName) ?? a.PolicyArn.split("/").pop()!;
      const known = policies.get(a.PolicyArn);
      const statements = known && "statements" in known.doc ? known.doc.statements : null;
      add(into, name, statements, grantedBy);
    });
    const inline = owner[inlineKey];
    (Array.isArray(inline) ? inline : []).forEach((p, j) => {
      if (!isObject(p) || typeof p.PolicyName !== "string") return issueAt(doc, errors, [...path, inlineKey, j], "each inline policy needs a PolicyName");
      const parsed = readPolicyDocument(p.PolicyDocument);
      if ("error" in parsed) return issueAt(doc, errors, [...path, inlineKey, j, "PolicyDocument"], parsed.error);
      add(into, `inline:${p.PolicyName}`, parsed.statements, grantedBy);
    });
  };

  const groups = new Map<string, Map<string, NormalizedEntitlement>>();
  listAt("GroupDetailList").forEach((g, i) => {
    if (!isObject(g) || typeof g.GroupName !== "string") return issueAt(doc, errors, ["GroupDetailList", i, "GroupName"], "each group needs a GroupName");
    const ents = new Map<string, NormalizedEntitlement>();
    entitlementsFrom(g, ["GroupDetailList", i], "GroupPolicyList", `group:${g.GroupName}`, ents);
    groups.set(g.GroupName, ents);
  });

  const identities: NormalizedIdentity[] = [];
  const seen = new Set<string>();
  const principal = (p: unknown, path: JsonPath, kind: "user" | "role") => {
    const nameKey = kind === "user" ? "UserName" : "RoleName";
    if (!isObject(p)) return issueAt(doc, errors, path, `expected a ${kind} object`);
    const arn = str(p.Arn);
    const name = str(p[nameKey]);
    if (!arn || !/^arn:aws[a-z-]*:iam::\d{12}:(user|role)\//.test(arn)) return issueAt(doc, errors, [...path, "Arn"], arn ? `"${arn}" is not an IAM ${kind} ARN` : "required value is missing");
    if (!name) return issueAt(doc, errors, [...path, nameKey], "required value is missing");
    if (seen.has(arn)) return issueAt(doc, errors, [...path, "Arn"], "the same ARN appears twice");
    seen.add(arn);
    const created = readDate(str(p.CreateDate));
    if (!created.ok) issueAt(doc, errors, [...path, "CreateDate"], created.reason);
    const lastUsed = kind === "role" && isObject(p.RoleLastUsed) ? readDate(str(p.RoleLastUsed.LastUsedDate)) : { ok: true as const, value: null };
    if (!lastUsed.ok) issueAt(doc, errors, [...path, "RoleLastUsed", "LastUsedDate"], lastUsed.reason);
    const ents = new Map<string, NormalizedEntitlement>();
    entitlementsFrom(p, path, kind === "user" ? "UserPolicyList" : "RolePolicyList", null, ents);
    if (kind === "user" && Array.isArray(p.GroupList)) {
      for (const g of p.GroupList) {
        const inherited = typeof g === "string" ? groups.get(g) : undefined;
        if (!inherited) {
          if (typeof g === "string") warnings.add(doc.lineOf([...path, "GroupList"]), "GroupList", `group ${g} is not in GroupDetailList; its policies are unknown`);
          continue;
        }
        for (const [key, e] of inherited) if (!ents.has(key)) ents.set(key, e);
      }
    }
    const tags = tagsOf(p.Tags);
    const envKey = Object.keys(tags).find((k) => ENV_TAGS.includes(k.toLowerCase()));
    identities.push({
      line: doc.itemLine(path),
      externalId: arn,
      name,
      kind: kind === "user" ? "SERVICE_ACCOUNT" : "WORKLOAD",
      status: "ACTIVE",
      environment: envKey ? tags[envKey] || null : null,
      purpose: null,
      createdAtSource: created.ok ? created.value : null,
      createdBy: null,
      lastUsedAt: lastUsed.ok ? lastUsed.value : null,
      tags,
      owner: null,
      credentials: [],
      entitlements: [...ents.values()],
    });
  };
  const users = listAt("UserDetailList");
  const roles = listAt("RoleDetailList");
  users.forEach((u, i) => principal(u, ["UserDetailList", i], "user"));
  roles.forEach((r, i) => principal(r, ["RoleDetailList", i], "role"));
  return finish(identities, coverage(), errors, warnings, users.length + roles.length);
}

function add(into: Map<string, NormalizedEntitlement>, name: string, statements: AwsStatement[] | null, grantedBy: string | null) {
  const resources = statements ? awsPolicyResources(statements) : ["*"];
  let resource = resources.length ? resources.join(", ") : "(no allow statements)";
  if (resource.length > 1000) resource = `${resource.slice(0, 990)} … (${resources.length})`;
  const key = `${name}\u0000${resource}`;
  if (into.has(key)) return;
  // Only AWS-managed names are trusted as names: an inline policy called "AdministratorAccess" is judged by its document.
  const c = classifyAwsPolicy(name.startsWith("inline:") ? "" : name, statements);
  into.set(key, { name, resource, privileged: c.privileged, wildcard: c.wildcard, canMint: c.canMint, grantedAt: null, grantedBy });
}
