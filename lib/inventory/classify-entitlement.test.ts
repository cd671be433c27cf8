import { describe, expect, it } from "vitest";
import { classifyAwsPolicy, classifyByName, classifyGithubPermission, classifyK8sRole, type AwsStatement } from "@/lib/inventory/classify-entitlement";

type Flags = "privileged" | "wildcard" | "canMint";
const flags = (c: { privileged: boolean; wildcard: boolean; canMint: boolean }) => (["privileged", "wildcard", "canMint"] as Flags[]).filter((f) => c[f]);

describe("AWS policies", () => {
  it.each<[string, string, AwsStatement[] | null, Flags[]]>([
    ["AdministratorAccess known by name", "AdministratorAccess", null, ["privileged", "wildcard", "canMint"]],
    ["*:* on *", "custom", [{ Effect: "Allow", Action: "*:*", Resource: "*" }], ["privileged", "wildcard", "canMint"]],
    ["iam:* on *", "custom", [{ Effect: "Allow", Action: "iam:*", Resource: "*" }], ["privileged", "wildcard", "canMint"]],
    ["sts:AssumeRole on *", "custom", [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" }], ["privileged", "wildcard", "canMint"]],
    ["iam:CreateAccessKey on every user", "custom", [{ Effect: "Allow", Action: ["iam:CreateAccessKey"], Resource: "arn:aws:iam::123456789012:user/*" }], ["privileged", "canMint"]],
    ["iam:Create* covers CreateAccessKey", "custom", [{ Effect: "Allow", Action: "iam:Create*", Resource: "*" }], ["privileged", "wildcard", "canMint"]],
    ["iam:CreateAccessKey on its own user only", "custom", [{ Effect: "Allow", Action: "iam:CreateAccessKey", Resource: "arn:aws:iam::123456789012:user/ci-deployer" }], []],
    ["iam:PassRole on * escalates", "custom", [{ Effect: "Allow", Action: "iam:PassRole", Resource: "*" }], ["privileged", "wildcard"]],
    ["s3:* on one bucket is wildcard only", "custom", [{ Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::logs/*" }], ["wildcard"]],
    ["read one object", "custom", [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::logs/*" }], []],
    ["Deny never widens", "custom", [{ Effect: "Deny", Action: "*", Resource: "*" }], []],
    ["NotAction iam:* on * still assumes roles", "custom", [{ Effect: "Allow", NotAction: ["iam:*", "organizations:*"], Resource: "*" }], ["privileged", "wildcard", "canMint"]],
    ["an unknown *FullAccess policy is wildcard", "AmazonS3FullAccess", null, ["wildcard"]],
  ])("%s", (_, name, statements, expected) => {
    expect(flags(classifyAwsPolicy(name, statements))).toEqual(expected);
  });

  it("explains why", () => {
    expect(classifyAwsPolicy("custom", [{ Effect: "Allow", Action: "iam:CreateAccessKey", Resource: "*" }]).reasons).toContain("can mint credentials for any IAM user (iam:CreateAccessKey on *)");
  });
});

describe("Kubernetes roles", () => {
  it.each<[string, string, "cluster" | "namespace", Parameters<typeof classifyK8sRole>[3], Flags[]]>([
    ["cluster-admin", "cluster-admin", "cluster", null, ["privileged", "wildcard", "canMint"]],
    ["admin in a namespace", "admin", "namespace", null, ["privileged", "canMint"]],
    ["view", "view", "namespace", null, []],
    ["wildcard verbs on pods in a namespace", "custom", "namespace", [{ verbs: ["*"], resources: ["pods"] }], ["wildcard"]],
    ["wildcard verbs cluster-wide", "custom", "cluster", [{ verbs: ["*"], resources: ["pods"] }], ["privileged", "wildcard"]],
    ["serviceaccounts/token create", "custom", "namespace", [{ verbs: ["create"], resources: ["serviceaccounts/token"] }], ["canMint"]],
    ["secrets get cluster-wide", "custom", "cluster", [{ verbs: ["get"], resources: ["secrets"] }], ["privileged", "canMint"]],
    ["impersonate", "custom", "namespace", [{ verbs: ["impersonate"], resources: ["serviceaccounts"] }], ["privileged"]],
  ])("%s", (_, name, scope, rules, expected) => {
    expect(flags(classifyK8sRole("ClusterRole", name, scope, rules))).toEqual(expected);
  });
});

describe("GitHub fine-grained permissions", () => {
  it.each<[string, string, string, string | null, Flags[]]>([
    ["organization", "administration", "write", "none", ["privileged"]],
    ["organization", "organization_personal_access_token_requests", "write", "none", ["privileged", "canMint"]],
    ["organization", "members", "read", "none", []],
    ["repository", "contents", "write", "all", ["wildcard"]],
    ["repository", "contents", "write", "subset", []],
    ["repository", "administration", "write", "subset", ["privileged", "canMint"]],
    ["repository", "secrets", "write", "all", ["privileged", "wildcard"]],
  ])("%s %s:%s (%s)", (group, permission, level, selection, expected) => {
    expect(flags(classifyGithubPermission(group, permission, level, selection))).toEqual(expected);
  });
});

describe("names in our own formats", () => {
  it.each<[string, string, Flags[]]>([
    ["AdministratorAccess", "*", ["privileged", "wildcard", "canMint"]],
    ["ClusterRole/cluster-admin", "cluster", ["privileged", "wildcard", "canMint"]],
    ["admin:org", "github.com/acme", ["privileged", "canMint"]],
    ["sts:AssumeRole", "*", ["privileged", "wildcard", "canMint"]],
    ["s3:GetObject", "arn:aws:s3:::invoices/*", []],
    ["tickets:read", "zendesk/acme", []],
    ["reports-*", "bi", ["wildcard"]],
  ])("%s on %s", (name, resource, expected) => {
    expect(flags(classifyByName(name, resource))).toEqual(expected);
  });
});
