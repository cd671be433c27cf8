// Pure classification of one entitlement: privileged? wildcard? can it mint credentials? Each rule
// gives a reason a reviewer can read. Used by every format parser, so flags mean the same everywhere.

export type Classification = { privileged: boolean; wildcard: boolean; canMint: boolean; reasons: string[] };

const none = (): Classification => ({ privileged: false, wildcard: false, canMint: false, reasons: [] });

function merge(into: Classification, from: Partial<Classification>) {
  into.privileged ||= Boolean(from.privileged);
  into.wildcard ||= Boolean(from.wildcard);
  into.canMint ||= Boolean(from.canMint);
  for (const r of from.reasons ?? []) if (!into.reasons.includes(r)) into.reasons.push(r);
  return into;
}

/** IAM action patterns are case-insensitive globs (`iam:Create*`, `s3:*`, `*`). */
const compiled = new Map<string, RegExp>();
export function actionMatches(pattern: string, action: string): boolean {
  let re = compiled.get(pattern);
  if (!re) {
    re = new RegExp(`^${pattern.split("*").map((p) => p.replace(/[.+^${}()|[\]\\]/g, "\\$&").replaceAll("?", ".")).join(".*")}$`, "i");
    if (compiled.size < 10_000) compiled.set(pattern, re);
  }
  return re.test(action);
}

/** Actions that create a credential someone else can use: access keys, console passwords, role sessions. */
const AWS_MINT_ACTIONS = [
  "iam:CreateAccessKey",
  "iam:CreateLoginProfile",
  "iam:UpdateLoginProfile",
  "iam:CreateServiceSpecificCredential",
  "iam:ResetServiceSpecificCredential",
  "sts:AssumeRole",
  "sts:GetFederationToken",
];
/** Actions that let a principal raise its own or another principal's permissions. */
const AWS_ESCALATION_ACTIONS = [
  "iam:AttachUserPolicy",
  "iam:AttachRolePolicy",
  "iam:AttachGroupPolicy",
  "iam:PutUserPolicy",
  "iam:PutRolePolicy",
  "iam:PutGroupPolicy",
  "iam:CreatePolicyVersion",
  "iam:UpdateAssumeRolePolicy",
  "iam:PassRole",
  "iam:AddUserToGroup",
];

/** AWS managed policies whose document is often absent from exports: known by name. */
const AWS_KNOWN_POLICIES: Record<string, Partial<Classification>> = {
  AdministratorAccess: { privileged: true, wildcard: true, canMint: true, reasons: ["AdministratorAccess allows every action on every resource"] },
  IAMFullAccess: { privileged: true, wildcard: true, canMint: true, reasons: ["IAMFullAccess allows iam:* (can create keys for any IAM user)"] },
  PowerUserAccess: { privileged: true, wildcard: true, canMint: true, reasons: ["PowerUserAccess allows every non-IAM action on every resource, including sts:AssumeRole"] },
  AWSOrganizationsFullAccess: { privileged: true, wildcard: true, reasons: ["AWSOrganizationsFullAccess controls the whole organization"] },
};

export type AwsStatement = { Effect?: unknown; Action?: unknown; NotAction?: unknown; Resource?: unknown; NotResource?: unknown };
const list = (v: unknown): string[] => (typeof v === "string" ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

/** Resources an IAM policy allows, collapsed to "*" when any allow statement is unrestricted. */
export function awsPolicyResources(statements: AwsStatement[]): string[] {
  const out = new Set<string>();
  for (const s of statements) {
    if (s.Effect !== "Allow") continue;
    if (s.NotResource !== undefined) return ["*"];
    for (const r of list(s.Resource)) {
      if (r === "*") return ["*"];
      out.add(r);
    }
  }
  return [...out].sort();
}

/** An IAM policy (managed or inline) as an entitlement. Deny statements never widen anything. */
export function classifyAwsPolicy(policyName: string, statements: AwsStatement[] | null): Classification {
  const result = merge(none(), AWS_KNOWN_POLICIES[policyName] ?? {});
  if (!statements) {
    if (/FullAccess$/.test(policyName) && !AWS_KNOWN_POLICIES[policyName]) merge(result, { wildcard: true, reasons: [`${policyName} allows every action of its service`] });
    return result;
  }
  for (const s of statements) {
    if (s.Effect !== "Allow") continue;
    const resources = s.NotResource !== undefined ? ["*"] : list(s.Resource);
    const anyResource = resources.some((r) => r === "*" || /^arn:aws:iam::(\*|\d{12}):(user|role)\/\*$/.test(r));
    if (s.NotAction !== undefined) {
      // "everything except …" on any resource is administrator-like unless it excludes the dangerous actions
      const excluded = list(s.NotAction);
      const mintAllowed = AWS_MINT_ACTIONS.filter((a) => !excluded.some((p) => actionMatches(p, a)));
      merge(result, { wildcard: true, reasons: [`allows every action except ${excluded.join(", ")}`] });
      if (anyResource) merge(result, { privileged: true, canMint: mintAllowed.length > 0, reasons: mintAllowed.length ? [`can mint credentials (${mintAllowed[0]} on *)`] : [] });
      continue;
    }
    const actions = list(s.Action);
    if (actions.some((a) => a.includes("*")) || resources.includes("*")) merge(result, { wildcard: true });
    if (actions.some((a) => a === "*" || a === "*:*") && resources.includes("*")) {
      merge(result, { privileged: true, wildcard: true, canMint: true, reasons: ["allows every action (*) on every resource (*)"] });
      continue;
    }
    if (!anyResource) continue;
    if (actions.some((a) => actionMatches(a, "iam:DeleteUser") && actionMatches(a, "iam:CreateAccessKey"))) merge(result, { privileged: true, reasons: ["allows iam:* on *"] });
    if (actions.some((a) => a.toLowerCase().startsWith("organizations:") && a.endsWith("*"))) merge(result, { privileged: true, reasons: ["allows organizations:* on *"] });
    const mint = AWS_MINT_ACTIONS.find((m) => actions.some((a) => actionMatches(a, m)));
    if (mint) merge(result, { privileged: true, canMint: true, reasons: [mint === "sts:AssumeRole" ? "can assume any role (sts:AssumeRole on *)" : `can mint credentials for any IAM user (${mint} on *)`] });
    const escalate = AWS_ESCALATION_ACTIONS.find((m) => actions.some((a) => actionMatches(a, m)));
    if (escalate) merge(result, { privileged: true, reasons: [`can raise permissions (${escalate} on *)`] });
  }
  return result;
}

export type K8sRule = { verbs?: unknown; resources?: unknown; apiGroups?: unknown };

/** Built-in roles, for lists that carry bindings but not the roles themselves. */
const K8S_KNOWN_ROLES: Record<string, Partial<Classification>> = {
  "cluster-admin": { privileged: true, wildcard: true, canMint: true, reasons: ["cluster-admin allows every verb on every resource"] },
  admin: { privileged: true, canMint: true, reasons: ["admin can read secrets and create service account tokens in its scope"] },
  edit: { canMint: true, reasons: ["edit can read secrets and run pods as any service account in its scope"] },
};

/** A role binding as an entitlement; `rules` are the bound role's rules when the export includes roles. */
export function classifyK8sRole(roleKind: string, roleName: string, scope: "cluster" | "namespace", rules: K8sRule[] | null): Classification {
  const result = merge(none(), K8S_KNOWN_ROLES[roleName] ?? {});
  for (const rule of rules ?? []) {
    const verbs = list(rule.verbs);
    const resources = list(rule.resources);
    const anyVerb = verbs.includes("*");
    const anyResource = resources.includes("*");
    if (anyVerb || anyResource) merge(result, { wildcard: true, reasons: [`${roleKind} ${roleName} uses wildcard ${anyVerb ? "verbs" : "resources"}`] });
    if (anyVerb && anyResource) merge(result, { privileged: true, canMint: true, reasons: [`${roleKind} ${roleName} allows every verb on every resource`] });
    if ((anyResource || resources.includes("serviceaccounts/token")) && (anyVerb || verbs.includes("create"))) merge(result, { canMint: true, reasons: ["can create service account tokens (serviceaccounts/token create)"] });
    if ((anyResource || resources.includes("secrets")) && (anyVerb || verbs.some((v) => ["get", "list", "watch"].includes(v)))) merge(result, { canMint: true, privileged: scope === "cluster" || result.privileged, reasons: ["can read secrets (service account tokens among them)"] });
    if (verbs.some((v) => ["escalate", "bind", "impersonate"].includes(v))) merge(result, { privileged: true, reasons: [`can ${verbs.filter((v) => ["escalate", "bind", "impersonate"].includes(v)).join("/")} (raise its own permissions)`] });
  }
  if (scope === "cluster" && result.wildcard) result.privileged = true;
  return result;
}

/** Fine-grained GitHub permissions that control the organization or its credentials. */
const GITHUB_PRIVILEGED = new Set(["administration", "members", "organization_administration", "organization_secrets", "secrets", "organization_personal_access_tokens", "organization_personal_access_token_requests", "organization_self_hosted_runners", "workflows"]);
const GITHUB_MINT = new Set(["organization_personal_access_tokens", "organization_personal_access_token_requests"]);

/** One permission of a fine-grained token (`repository.contents` = `write`). */
export function classifyGithubPermission(group: string, permission: string, level: string, repositorySelection: string | null): Classification {
  const result = none();
  const writes = level === "write" || level === "admin";
  const allRepos = group === "repository" && repositorySelection === "all";
  if (writes && allRepos) merge(result, { wildcard: true, reasons: [`${permission}:${level} on every repository of the organization`] });
  if (writes && GITHUB_PRIVILEGED.has(permission) && (group !== "repository" || allRepos || permission === "administration")) merge(result, { privileged: true, reasons: [`${group} ${permission}:${level}`] });
  if (writes && GITHUB_MINT.has(permission)) merge(result, { canMint: true, reasons: [`can approve or revoke personal access tokens (${permission}:${level})`] });
  if (writes && group === "repository" && permission === "administration") merge(result, { canMint: true, reasons: ["can add deploy keys (repository administration:write)"] });
  return result;
}

/** Well-known names for our own formats, whose rows name an entitlement without its definition. */
export function classifyByName(name: string, resource: string): Classification {
  const result = none();
  const bare = name.replace(/^(ClusterRole|Role)\//, "");
  if (AWS_KNOWN_POLICIES[bare]) merge(result, AWS_KNOWN_POLICIES[bare]);
  if (K8S_KNOWN_ROLES[bare]) merge(result, K8S_KNOWN_ROLES[bare]);
  if (bare === "admin:org") merge(result, { privileged: true, canMint: true, reasons: ["admin:org controls the organization and its tokens"] });
  if (/^[a-z0-9-]+:[A-Za-z*?]+$/.test(bare) || bare === "*") {
    merge(result, classifyAwsPolicy(bare, [{ Effect: "Allow", Action: bare, Resource: resource }]));
  } else if (bare.includes("*") || resource === "*") {
    merge(result, { wildcard: true });
  }
  return result;
}
