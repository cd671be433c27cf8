import { describe, expect, it } from "vitest";
import { blastRadius, type BlastEntitlement } from "@/lib/inventory/blast-radius";

const ent = (name: string, resource: string, f: Partial<BlastEntitlement> = {}): BlastEntitlement => ({ name, resource, privileged: false, wildcard: false, canMint: false, ...f });
const admin = (resource: string) => ent("AdministratorAccess", resource, { privileged: true, wildcard: true, canMint: true });

describe("blast radius", () => {
  it.each<[string, { externalId: string; environment: string | null; entitlements: BlastEntitlement[] }, number, string]>([
    ["nothing held", { externalId: "x", environment: "prod", entitlements: [] }, 0, "No entitlements recorded: nothing to reach."],
    ["one narrow read", { externalId: "x", environment: "dev", entitlements: [ent("s3:GetObject", "arn:aws:s3:::logs/*")] }, 1, "1 entitlement, none privileged, 1 distinct resource."],
    [
      "admin in one AWS account, in production",
      { externalId: "arn:aws:iam::123456789012:role/Org", environment: "prod", entitlements: [admin("*")] },
      81,
      "Admin on 1 AWS account (AdministratorAccess), can mint credentials (AdministratorAccess), wildcard access in 1 entitlement, 1 distinct resource, in production.",
    ],
    [
      "admin on 3 AWS accounts",
      {
        externalId: "arn:aws:iam::111111111111:role/hub",
        environment: null,
        entitlements: [admin("*"), ent("assume-spoke-b", "arn:aws:iam::222222222222:role/admin", { privileged: true, canMint: true }), ent("assume-spoke-c", "arn:aws:iam::333333333333:role/admin", { privileged: true, canMint: true })],
      },
      85,
      "Admin on 3 AWS accounts (AdministratorAccess, assume-spoke-b, assume-spoke-c), can mint credentials (AdministratorAccess, assume-spoke-b, assume-spoke-c), wildcard access in 1 entitlement, 3 distinct resources.",
    ],
    [
      "cluster-admin and a namespace token minter",
      { externalId: "system:serviceaccount:ci:deployer", environment: "prod", entitlements: [ent("ClusterRole/cluster-admin", "cluster", { privileged: true, wildcard: true, canMint: true }), ent("ClusterRole/token-minter", "namespace:ci", { canMint: true })] },
      83,
      "Admin on the whole cluster (ClusterRole/cluster-admin), can mint credentials (ClusterRole/cluster-admin, ClusterRole/token-minter), wildcard access in 1 entitlement, 2 distinct resources, in production.",
    ],
    [
      "wildcard on many resources but not privileged",
      { externalId: "x", environment: "staging", entitlements: Array.from({ length: 14 }, (_, i) => ent(`s3:*`, `arn:aws:s3:::bucket-${i}/*`, { wildcard: true })) },
      25,
      "Wildcard access in 14 entitlements, 14 entitlements, none privileged, 14 distinct resources.",
    ],
  ])("%s", (_, input, score, sentence) => {
    const result = blastRadius(input);
    expect(result.score).toBe(score);
    expect(result.sentence).toBe(sentence);
  });

  it("never exceeds 100 and orders privileged above merely wide", () => {
    const huge = blastRadius({ externalId: "arn:aws:iam::111111111111:role/x", environment: "prod", entitlements: Array.from({ length: 30 }, (_, i) => admin(`arn:aws:iam::${String(100000000000 + i)}:role/a`)) });
    expect(huge.score).toBe(100);
    const wide = blastRadius({ externalId: "x", environment: "prod", entitlements: Array.from({ length: 30 }, (_, i) => ent("s3:*", `b${i}`, { wildcard: true })) });
    const privileged = blastRadius({ externalId: "x", environment: "dev", entitlements: [ent("iam:*", "*", { privileged: true })] });
    expect(privileged.score).toBeGreaterThan(wide.score);
    expect(privileged.flags).toEqual(["privileged"]);
  });
});
