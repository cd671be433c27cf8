import { describe, expect, it } from "vitest";
import { globMatches, isOrphan, proposedOwner, type OwnerRuleSpec, type RuleSubject } from "@/lib/ownership/rules";

const rule = (over: Partial<OwnerRuleSpec>): OwnerRuleSpec => ({ id: "own_1", position: 1, name: "r", sourceId: null, kind: null, pattern: null, tagKey: null, tagValue: null, ownerUserId: "usr_a", ownerTeamId: null, ...over });
const subject: RuleSubject = { sourceId: "src_aws", kind: "WORKLOAD", name: "ci-deployer", externalId: "arn:aws:iam::123456789012:role/ci-deployer", tags: { team: "Platform" } };

describe("globs", () => {
  it.each<[string, string, boolean]>([
    ["arn:aws:iam::*:role/ci-*", "arn:aws:iam::123456789012:role/ci-deployer", true],
    ["arn:aws:iam::*:role/ci-*", "arn:aws:iam::123456789012:user/ci-deployer", false],
    ["*deployer", "ci-deployer", true],
    ["ci-?eployer", "CI-Deployer", true],
    ["system:serviceaccount:payments:*", "system:serviceaccount:payments:billing-api", true],
    ["billing.api", "billing-api", false],
  ])("%s ~ %s: %s", (pattern, value, expected) => {
    expect(globMatches(pattern, value)).toBe(expected);
  });
});

describe("proposed owner", () => {
  it.each<[string, OwnerRuleSpec[], { userId: string | null; teamId: string | null } | null, ReturnType<typeof proposedOwner>]>([
    ["no rules, no file owner: keep what is there", [], null, null],
    ["the file's owner wins over a matching rule", [rule({ pattern: "ci-*" })], { userId: "usr_file", teamId: null }, { ownerId: "usr_file", owningTeamId: null, source: "IMPORT", ruleId: null }],
    ["first matching rule in order", [rule({ id: "own_x", pattern: "nope-*" }), rule({ id: "own_y", kind: "WORKLOAD", ownerUserId: null, ownerTeamId: "tem_p" }), rule({ id: "own_z" })], null, { ownerId: null, owningTeamId: "tem_p", source: "RULE", ruleId: "own_y" }],
    ["a rule for another source does not apply", [rule({ sourceId: "src_k8s" })], null, null],
    ["tag rule matches key and value, case-insensitively", [rule({ id: "own_t", tagKey: "team", tagValue: "platform" })], null, { ownerId: "usr_a", owningTeamId: null, source: "RULE", ruleId: "own_t" }],
    ["tag rule with another value does not apply", [rule({ tagKey: "team", tagValue: "data" })], null, null],
    ["glob on the externalId", [rule({ id: "own_g", pattern: "arn:aws:iam::*:role/*" })], null, { ownerId: "usr_a", owningTeamId: null, source: "RULE", ruleId: "own_g" }],
  ])("%s", (_, rules, fileOwner, expected) => {
    expect(proposedOwner(subject, fileOwner, rules)).toEqual(expected);
  });
});

describe("orphans", () => {
  it.each<[string, { status: "ACTIVE" | "DEPARTED" } | null, string | null, boolean]>([
    ["active owner", { status: "ACTIVE" }, null, false],
    ["departed owner, even with a team", { status: "DEPARTED" }, "tem_a", true],
    ["no owner but a team", null, "tem_a", false],
    ["nobody", null, null, true],
  ])("%s", (_, owner, team, expected) => {
    expect(isOrphan(owner, team)).toBe(expected);
  });
});
