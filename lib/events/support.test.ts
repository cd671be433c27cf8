import { describe, expect, it } from "vitest";
import { userAgentFamily } from "@/lib/events/user-agent";
import { networkOf } from "@/lib/events/network";
import { declaredEnvironment, environmentIn } from "@/lib/events/environment";
import { isPrivilegedPermission } from "@/lib/triggers/privileged";

describe("user-agent families", () => {
  it.each([
    ["Boto3/1.34.2 md/Botocore#1.34.2 ua/2.0 os/linux#6.1", "Boto3", false],
    ["aws-cli/2.15.10 Python/3.11.6 Linux/6.1 exe/x86_64", "aws-cli", false],
    ["APN/1.0 HashiCorp/1.0 Terraform/1.7.4 (+https://www.terraform.io) terraform-provider-aws/5.38.0", "Terraform", false],
    ["aws-sdk-go-v2/1.24.0 os/linux lang/go#1.21.5", "aws-sdk-go-v2", false],
    ["console.amazonaws.com", "AWS console", true],
    ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/121.0.0.0 Safari/537.36", "browser (Chrome)", true],
    ["Mozilla/5.0 (X11; Linux x86_64; rv:123.0) Gecko/20100101 Firefox/123.0", "browser (Firefox)", true],
    ["curl/8.4.0", "curl", false],
    ["ledger-sync/1.4.2 (linux/amd64) kubernetes/v1.29", "ledger-sync", false],
  ])("%s is %s", (ua, family, browser) => {
    expect(userAgentFamily(ua)).toEqual({ family, browser });
  });
  it("has no family without a user agent", () => expect(userAgentFamily("  ")).toBeNull());
});

describe("networks", () => {
  it.each([
    ["198.51.100.23", "198.51.100.0/24"],
    ["2001:db8:85a3::8a2e:370:7334", "2001:db8:85a3::/48"],
    ["2001:0db8::1", "2001:db8:0::/48"],
    ["ec2.amazonaws.com", null],
    ["AWS Internal", null],
  ])("%s is in %s", (ip, net) => expect(networkOf(ip)).toBe(net));
});

describe("environments", () => {
  it.each([
    ["payments-prod", "prod"],
    ["acme-staging", "staging"],
    ["arn:aws:s3:::acme-prod-artifacts/builds/app.tar.gz", "prod"],
    ["prod-to-dev-copy", null],
    ["111122223333", null],
    // words that are also properties of every JavaScript object name no environment
    ["constructor-prod", "prod"],
    ["valueof-bucket", null],
    ["arn:aws:s3:::bench-bucket-12/objects/123", null],
    ["Payments-PRODUCTION", "prod"],
    ["team-uat-42", "test"],
  ])("%s reads as %s", (text, env) => expect(environmentIn(text)).toBe(env));
  it("reads declared environments in the same words", () => {
    expect([declaredEnvironment("Production"), declaredEnvironment("stg"), declaredEnvironment("eu-west"), declaredEnvironment("  "), declaredEnvironment("constructor")]).toEqual(["prod", "staging", "eu-west", null, "constructor"]);
  });
});

describe("privileged permissions", () => {
  it.each([
    ["arn:aws:iam::aws:policy/AdministratorAccess", true],
    ["arn:aws:iam::aws:policy/IAMFullAccess", true],
    ["ClusterRole/cluster-admin", true],
    ["roles/owner on projects/acme-prod", true],
    ["Super Administrator", true],
    ["admin", true],
    ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", false],
    ["s3-backup-write", false],
    ["ClusterRole/view", false],
  ])("%s → %s", (permission, privileged) => expect(isPrivilegedPermission(permission)).toBe(privileged));
});
