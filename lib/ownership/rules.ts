// Pure ownership rules: which rule claims an identity, and who owns it after a sync.
import type { IdentityKind } from "@/prisma/generated/enums";

export type OwnerRuleSpec = {
  id: string;
  position: number;
  name: string;
  sourceId: string | null;
  kind: IdentityKind | null;
  /** glob over the name or the externalId: `*` any run of characters (slashes too), `?` one character */
  pattern: string | null;
  tagKey: string | null;
  /** null: the tag only has to be present */
  tagValue: string | null;
  ownerUserId: string | null;
  ownerTeamId: string | null;
};

export type RuleSubject = { sourceId: string; kind: IdentityKind; name: string; externalId: string; tags: Record<string, string> };

/**
 * The anchored regular expression of a glob: `*` any run of characters, `?` one, everything else
 * literal. The same text is a valid JavaScript regex and PostgreSQL ARE (matched there with `~*`),
 * so "Apply rules now" in SQL agrees with the sync's matching in TypeScript.
 */
export function globRegexSource(pattern: string): string {
  const body = [...pattern].map((ch) => (ch === "*" ? ".*" : ch === "?" ? "." : ch.replace(/[.+^${}()|[\]\\]/g, "\\$&"))).join("");
  return `^${body}$`;
}

const globs = new Map<string, RegExp>();
/** Case-insensitive glob; `arn:aws:iam::*:role/ci-*` matches every CI role of every account. */
export function globMatches(pattern: string, value: string): boolean {
  let re = globs.get(pattern);
  if (!re) {
    re = new RegExp(globRegexSource(pattern), "is");
    if (globs.size < 1000) globs.set(pattern, re);
  }
  return re.test(value);
}

export function ruleMatches(rule: OwnerRuleSpec, subject: RuleSubject): boolean {
  if (rule.sourceId && rule.sourceId !== subject.sourceId) return false;
  if (rule.kind && rule.kind !== subject.kind) return false;
  if (rule.pattern && !globMatches(rule.pattern, subject.name) && !globMatches(rule.pattern, subject.externalId)) return false;
  if (rule.tagKey) {
    const value = subject.tags[rule.tagKey];
    if (value === undefined) return false;
    if (rule.tagValue !== null && rule.tagValue.toLowerCase() !== value.toLowerCase()) return false;
  }
  return true;
}

/** The first rule in position order that matches, if any. */
export function firstMatchingRule(rules: OwnerRuleSpec[], subject: RuleSubject): OwnerRuleSpec | null {
  for (const rule of rules) if (ruleMatches(rule, subject)) return rule;
  return null;
}

export type OwnerAssignment = { ownerId: string | null; owningTeamId: string | null; source: "IMPORT" | "RULE"; ruleId: string | null };

/**
 * Who a sync says should own an identity: the owner the file names wins (it is specific), then the
 * first matching rule; null means "the sync has no opinion" and the current owner stays. A MANUAL
 * owner set on the identity page is never replaced by a sync (applied in SQL, where the current row is).
 */
export function proposedOwner(subject: RuleSubject, fileOwner: { userId: string | null; teamId: string | null } | null, rules: OwnerRuleSpec[]): OwnerAssignment | null {
  if (fileOwner && (fileOwner.userId || fileOwner.teamId)) return { ownerId: fileOwner.userId, owningTeamId: fileOwner.teamId, source: "IMPORT", ruleId: null };
  const rule = firstMatchingRule(rules, subject);
  if (rule) return { ownerId: rule.ownerUserId, owningTeamId: rule.ownerTeamId, source: "RULE", ruleId: rule.id };
  return null;
}

/** Orphan: nobody to ask. No owner and no owning team, or an owner who has left. */
export function isOrphan(owner: { status: "ACTIVE" | "DEPARTED" } | null, owningTeamId: string | null): boolean {
  if (owner) return owner.status === "DEPARTED";
  return owningTeamId === null;
}
