import { describe, expect, it } from "vitest";
import { reorder } from "@/lib/owner-rules/ordering";
import { ruleArrays } from "@/lib/owner-rules/rule-sql";
import { ownerRuleInput, ownerRulePatch } from "@/lib/owner-rules/schema";
import { globMatches, globRegexSource, proposedOwner, type OwnerRuleSpec, type RuleSubject } from "@/lib/ownership/rules";

const USR = "usr_0123456789abcdef0123456789abcdef";
const TEM = "tem_0123456789abcdef0123456789abcdef";
const SRC = "src_0123456789abcdef0123456789abcdef";

describe("glob → regular expression (the same text runs in JavaScript and in PostgreSQL)", () => {
  it.each<[string, string]>([
    ["ci-*", "^ci-.*$"],
    ["svc?", "^svc.$"],
    ["a.b+c", "^a\\.b\\+c$"],
    ["role/(x)[y]{z}|$^", "^role/\\(x\\)\\[y\\]\\{z\\}\\|\\$\\^$"],
    ["back\\slash", "^back\\\\slash$"],
  ])("%s → %s", (glob, source) => {
    expect(globRegexSource(glob)).toBe(source);
  });

  it.each<[string, string, boolean]>([
    ["*", "", true],
    ["ci-*", "ci-", true],
    ["ci-*", "xci-runner", false],
    ["a.b", "aXb", false],
    ["(prod)*", "(prod)-db", true],
    ["*/*", "multi\nline/x", true],
    ["?", "", false],
    ["system:serviceaccount:*:default", "system:serviceaccount:kube-system:default", true],
  ])("%j ~ %j: %s", (glob, value, expected) => {
    expect(globMatches(glob, value)).toBe(expected);
  });
});

describe("first matching rule decides (rules table)", () => {
  const rule = (id: string, over: Partial<OwnerRuleSpec>): OwnerRuleSpec => ({ id, position: 1, name: id, sourceId: null, kind: null, pattern: null, tagKey: null, tagValue: null, ownerUserId: `usr_${id}`, ownerTeamId: null, ...over });
  const rules = [
    rule("k8s-payments", { sourceId: "src_k8s", pattern: "system:serviceaccount:payments:*" }),
    rule("bots", { kind: "BOT" }),
    rule("tier1", { tagKey: "tier", tagValue: "1" }),
    rule("has-owner-tag", { tagKey: "owner" }),
    rule("ci", { pattern: "ci-*" }),
  ];
  const subject = (over: Partial<RuleSubject>): RuleSubject => ({ sourceId: "src_aws", kind: "WORKLOAD", name: "x", externalId: "x", tags: {}, ...over });
  it.each<[string, RuleSubject, string | null]>([
    ["source and glob on externalId", subject({ sourceId: "src_k8s", externalId: "system:serviceaccount:payments:api", name: "api" }), "k8s-payments"],
    ["same externalId in another source", subject({ externalId: "system:serviceaccount:payments:api", name: "api" }), null],
    ["kind wins over a later glob", subject({ kind: "BOT", name: "ci-bot" }), "bots"],
    ["tag value compared case-insensitively", subject({ tags: { tier: "1" }, name: "ci-x" }), "tier1"],
    ["tag key is exact", subject({ tags: { Tier: "1" } }), null],
    ["tag presence only", subject({ tags: { owner: "" } }), "has-owner-tag"],
    ["glob on name", subject({ name: "CI-Runner" }), "ci"],
    ["nothing matches", subject({ name: "web" }), null],
  ])("%s", (_, s, expected) => {
    expect(proposedOwner(s, null, rules)?.ruleId ?? null).toBe(expected);
  });

  it("passes rules to SQL as parallel arrays in order, with the glob already a regex", () => {
    expect(ruleArrays(rules.slice(3))).toEqual([["has-owner-tag", "ci"], [null, null], [null, null], [null, "^ci-.*$"], ["owner", null], [null, null], ["usr_has-owner-tag", "usr_ci"], [null, null]]);
  });
});

describe("the rule schema shared by the form and the API", () => {
  it("reads empty form fields as 'any', and defaults nothing it was not given", () => {
    expect(ownerRuleInput.parse({ name: " CI ", sourceId: "", kind: "", pattern: "ci-*", tagKey: "", tagValue: "", ownerUserId: USR, ownerTeamId: "" })).toEqual({
      name: "CI", sourceId: null, kind: null, pattern: "ci-*", tagKey: null, tagValue: null, ownerUserId: USR, ownerTeamId: null,
    });
  });
  it.each<[string, Record<string, unknown>, string[]]>([
    ["no owner", { name: "r" }, ["ownerUserId: Choose an owner or a team"]],
    ["tag value without key", { name: "r", tagValue: "x", ownerTeamId: TEM }, ["tagKey: Name the tag the value belongs to"]],
    ["bad ids and kind", { name: "r", sourceId: "aws", kind: "ROBOT", ownerUserId: "usr_1" }, ["sourceId", "kind", "ownerUserId"]],
    ["empty name", { name: "  ", ownerUserId: USR }, ["name: Give the rule a name"]],
  ])("refuses %s", (_, input, expected) => {
    const result = ownerRuleInput.safeParse(input);
    expect(result.success).toBe(false);
    const issues = result.success ? [] : result.error.issues.map((i) => (i.code === "custom" || i.path[0] === "name" ? `${i.path.join(".")}: ${i.message}` : i.path.join(".")));
    expect(issues).toEqual(expected);
  });
  it("PATCH leaves absent fields absent (never resets them) and takes a 1-based position", () => {
    expect(ownerRulePatch.parse({ enabled: false })).toEqual({ enabled: false });
    expect(ownerRulePatch.parse({ sourceId: "", position: 1 })).toEqual({ sourceId: null, position: 1 });
    expect(ownerRulePatch.parse({ sourceId: SRC })).toEqual({ sourceId: SRC });
    expect(ownerRulePatch.safeParse({ position: 0 }).success).toBe(false);
  });
});

describe("moving a rule", () => {
  it.each<[string, number, string[]]>([
    ["c", 0, ["c", "a", "b", "d"]],
    ["a", 1, ["b", "a", "c", "d"]],
    ["b", 99, ["a", "c", "d", "b"]],
    ["d", -5, ["d", "a", "b", "c"]],
    ["zz", 0, ["a", "b", "c", "d"]],
  ])("%s to %i", (id, index, expected) => {
    expect(reorder(["a", "b", "c", "d"], id, index)).toEqual(expected);
  });
});
