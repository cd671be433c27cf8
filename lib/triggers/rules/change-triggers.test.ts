import { describe, expect, it } from "vitest";
import { credentialCreated, credentialExpiring, credentialMaxAge, newIdentity, orphaned, permissionExpansion } from "@/lib/triggers/rules/change-triggers";
import { NOW, daysAgo, event, identity } from "@/lib/triggers/rules/test-fixtures";

const change = { at: NOW, actorLabel: "alice@acme.test", actorEmail: "alice@acme.test", eventIds: ["evt_9"] };

describe("new identity: “ml-train appeared in CloudTrail on … but is not in the inventory; nobody owns it yet.”", () => {
  it.each([
    ["a shadow identity discovered from a log", identity({ name: "ml-train", discoveredBy: "EVENT", ownerId: null }), "ml-train appeared in CloudTrail on 2026-03-31 (iam:CreateRole by terraform) but is not in the inventory; nobody owns it yet.", "MEDIUM"],
    ["a privileged shadow identity", identity({ name: "ml-train", discoveredBy: "EVENT", privileged: true }), expect.stringContaining("ml-train appeared in CloudTrail"), "HIGH"],
    ["an inventoried identity seen in a log", identity({ discoveredBy: "IMPORT" }), null, null],
  ])("%s", (_, idn, sentence, severity) => {
    const f = newIdentity(idn, { event: event({ action: "iam:CreateRole", actorLabel: "terraform" }) });
    expect(f?.sentence ?? null).toEqual(sentence);
    expect(f?.severity ?? null).toBe(severity);
  });

  it("says which source a sync found it in", () => {
    expect(newIdentity(identity({ name: "etl" }), { sync: { sourceName: "aws-prod", at: NOW, actorEmail: null } })?.sentence).toBe("etl is new in aws-prod (first seen by the sync on 2026-03-31).");
  });
});

describe("orphaned: “X has no owner.” / “X is owned by Y, who has left.”", () => {
  it.each([
    [identity({ ownerId: null }), "ci-deployer has no owner."],
    [identity({ ownerStatus: "DEPARTED", ownerName: "Former Engineer" }), "ci-deployer is owned by Former Engineer, who has left."],
    [identity(), null],
  ])("%# → %s", (idn, sentence) => {
    expect(orphaned(idn, NOW)?.sentence ?? null).toBe(sentence);
  });
  it("is high severity for a privileged orphan", () => expect(orphaned(identity({ ownerId: null, privileged: true }), NOW)?.severity).toBe("HIGH"));
});

describe("permission expansion: “etl-runner was granted AdministratorAccess (privileged) by alice@acme.test on …”", () => {
  it.each([
    ["arn:aws:iam::aws:policy/AdministratorAccess", "etl-runner was granted AdministratorAccess (privileged) by alice@acme.test on 2026-03-31.", "HIGH"],
    ["ClusterRole/cluster-admin", "etl-runner was granted ClusterRole/cluster-admin (privileged) by alice@acme.test on 2026-03-31.", "HIGH"],
    ["s3-backup-write", "etl-runner was granted s3-backup-write by alice@acme.test on 2026-03-31.", "MEDIUM"],
  ])("%s", (permission, sentence, severity) => {
    const f = permissionExpansion(identity({ name: "etl-runner" }), { ...change, permission });
    expect([f?.sentence, f?.severity, f?.eventIds, f?.actorEmail]).toEqual([sentence, severity, ["evt_9"], "alice@acme.test"]);
  });
  it("trusts an entitlement's own privileged flag from the inventory", () => {
    expect(permissionExpansion(identity(), { ...change, permission: "custom-role", privileged: true })?.severity).toBe("HIGH");
  });
});

describe("credential created: “A new access key AKIA… was created for ci-deployer by alice@acme.test on …”", () => {
  it.each([
    ["ACCESS_KEY" as const, "AKIAI44QH8DHBEXAMPLE", "A new access key AKIAI44QH8DHBEXAMPLE was created for ci-deployer by alice@acme.test on 2026-03-31."],
    ["TOKEN" as const, null, "A new token was created for ci-deployer by alice@acme.test on 2026-03-31."],
  ])("%s", (credentialKind, credentialId, sentence) => {
    expect(credentialCreated(identity(), { ...change, credentialId, credentialKind })?.sentence).toBe(sentence);
  });
});

describe("credential older than max age: “The access key K of X is 212 days old (policy: rotate within 90 days).”", () => {
  it.each([
    [212, 90, "The access key AKIAOLD of ci-deployer is 212 days old (policy: rotate within 90 days).", "HIGH"],
    [100, 90, "The access key AKIAOLD of ci-deployer is 100 days old (policy: rotate within 90 days).", "MEDIUM"],
    [89, 90, null, null],
  ])("%i days old, max %i", (age, maxAgeDays, sentence, severity) => {
    const f = credentialMaxAge(identity(), { externalId: "AKIAOLD", kind: "ACCESS_KEY", createdAt: daysAgo(age), lastRotatedAt: null, expiresAt: null }, NOW, { maxAgeDays });
    expect([f?.sentence ?? null, f?.severity ?? null]).toEqual([sentence, severity]);
  });
  it("counts from the last rotation", () => {
    expect(credentialMaxAge(identity(), { externalId: "K", kind: "ACCESS_KEY", createdAt: daysAgo(400), lastRotatedAt: daysAgo(10), expiresAt: null }, NOW, { maxAgeDays: 90 })).toBeNull();
  });
});

describe("credential expiring: “The certificate C of X expires in 6 days, on ….”", () => {
  it.each([
    [6, 14, "The certificate cert-1 of ci-deployer expires in 6 days, on 2026-04-06."],
    [1, 14, "The certificate cert-1 of ci-deployer expires in 1 day, on 2026-04-01."],
    [20, 14, null],
    [-2, 14, null],
  ])("expires in %i days, window %i", (inDays, withinDays, sentence) => {
    const f = credentialExpiring(identity(), { externalId: "cert-1", kind: "CERTIFICATE", createdAt: null, lastRotatedAt: null, expiresAt: daysAgo(-inDays) }, NOW, { withinDays });
    expect(f?.sentence ?? null).toBe(sentence);
  });
});
