// Pure blast-radius score (0–100) of one identity from its active entitlements, with the sentence that
// explains it. Computed from stored fields only, so it can be recomputed after a review removes access.

export type BlastEntitlement = { name: string; resource: string; privileged: boolean; wildcard: boolean; canMint: boolean };
export type BlastInput = { externalId: string; environment: string | null; entitlements: BlastEntitlement[] };
export type BlastRadius = { score: number; sentence: string; flags: string[] };

const PRODUCTION = /^(prod|production|prd|live)\b/i;
const ARN_ACCOUNT = /^arn:[^:]+:[^:]*:[^:]*:(\d{12}):/;

type Scope = { kind: "aws" | "k8s-cluster" | "k8s-namespace" | "github" | "other"; id: string };

/** Where an entitlement's resource lives: an AWS account, a cluster or namespace, a GitHub org. */
export function scopeOf(resource: string, externalId: string): Scope {
  const own = ARN_ACCOUNT.exec(externalId)?.[1];
  const arn = ARN_ACCOUNT.exec(resource)?.[1];
  if (arn) return { kind: "aws", id: arn };
  if (resource === "*" && own) return { kind: "aws", id: own };
  if (resource === "cluster") return { kind: "k8s-cluster", id: "cluster" };
  if (resource.startsWith("namespace:")) return { kind: "k8s-namespace", id: resource.slice(10) };
  if (resource === "organization" || resource.endsWith("repositories")) return { kind: "github", id: "organization" };
  return { kind: "other", id: resource };
}

function scopePhrase(scopes: Scope[]): string {
  const aws = new Set(scopes.filter((s) => s.kind === "aws").map((s) => s.id)).size;
  const namespaces = new Set(scopes.filter((s) => s.kind === "k8s-namespace").map((s) => s.id)).size;
  const parts: string[] = [];
  if (aws) parts.push(`${aws} AWS account${aws === 1 ? "" : "s"}`);
  if (scopes.some((s) => s.kind === "k8s-cluster")) parts.push("the whole cluster");
  if (namespaces) parts.push(`${namespaces} namespace${namespaces === 1 ? "" : "s"}`);
  if (scopes.some((s) => s.kind === "github")) parts.push("the GitHub organization");
  const other = new Set(scopes.filter((s) => s.kind === "other").map((s) => s.id));
  if (other.size) parts.push(other.size === 1 ? [...other][0]! : `${other.size} resources`);
  return parts.join(" and ");
}

const names = (list: BlastEntitlement[]) => {
  const distinct = [...new Set(list.map((e) => e.name))];
  return distinct.slice(0, 3).join(", ") + (distinct.length > 3 ? ` and ${distinct.length - 3} more` : "");
};

export function blastRadius(input: BlastInput): BlastRadius {
  const ents = input.entitlements;
  if (ents.length === 0) return { score: 0, sentence: "No entitlements recorded: nothing to reach.", flags: [] };
  const privileged = ents.filter((e) => e.privileged);
  const minting = ents.filter((e) => e.canMint);
  const wildcard = ents.filter((e) => e.wildcard);
  const resources = new Set(ents.map((e) => e.resource));
  const production = Boolean(input.environment && PRODUCTION.test(input.environment));
  const privilegedScopes = privileged.map((e) => scopeOf(e.resource, input.externalId));
  const distinctPrivilegedScopes = new Set(privilegedScopes.map((s) => `${s.kind}:${s.id}`)).size;

  let score = Math.min(5, ents.length);
  if (privileged.length) score += 40 + Math.min(10, 5 * (distinctPrivilegedScopes - 1));
  if (minting.length) score += 20;
  if (wildcard.length) score += 10;
  score += Math.min(10, resources.size - 1);
  if (production) score += 10;
  score = Math.min(100, score);

  const parts: string[] = [];
  if (privileged.length) parts.push(`admin on ${scopePhrase(privilegedScopes)} (${names(privileged)})`);
  if (minting.length) parts.push(`can mint credentials (${names(minting)})`);
  if (wildcard.length) parts.push(`wildcard access in ${wildcard.length} entitlement${wildcard.length === 1 ? "" : "s"}`);
  if (!privileged.length && !minting.length) parts.push(`${ents.length} entitlement${ents.length === 1 ? "" : "s"}, none privileged`);
  parts.push(`${resources.size} distinct resource${resources.size === 1 ? "" : "s"}`);
  if (production) parts.push("in production");
  const sentence = `${parts[0]!.charAt(0).toUpperCase()}${parts[0]!.slice(1)}${parts.length > 1 ? `, ${parts.slice(1).join(", ")}` : ""}.`;

  const flags = [privileged.length ? "privileged" : null, minting.length ? "can-mint" : null, wildcard.length ? "wildcard" : null].filter((f): f is string => f !== null);
  return { score, sentence, flags };
}
