import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cloudtrail } from "@/lib/events/formats/cloudtrail";
import { normalizeText } from "@/lib/events/normalize-text";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "fixtures", name), "utf8");
const outcomes = [...normalizeText(cloudtrail, fixture("cloudtrail-records.json"))];
const byKey = (key: string) => {
  const found = outcomes.find((o) => o.outcome.status === "event" && o.outcome.event.dedupeKey === `cloudtrail:${key}`);
  if (!found || found.outcome.status !== "event") throw new Error(`no event ${key}`);
  return found.outcome.event;
};
const id = (n: number) => `3c5e3f0e-1b1d-4a6e-9f0e-${String(n).padStart(12, "0")}`;

describe("cloudtrail normalizer ({\"Records\":[…]} file)", () => {
  it.each([
    [1, { kind: "API_CALL", action: "s3:GetObject", principal: { credentialId: "AKIAIOSFODNN7EXAMPLE", externalIds: ["arn:aws:iam::111122223333:user/ci-deployer"], name: "ci-deployer", human: false }, region: "us-east-1", sourceIp: "198.51.100.23", target: "arn:aws:s3:::acme-prod-artifacts/builds/app.tar.gz", outcome: "success", context: "111122223333" }],
    [2, { kind: "API_CALL", principal: { externalIds: ["arn:aws:iam::111122223333:role/service-role/payments-worker", "arn:aws:sts::111122223333:assumed-role/payments-worker/i-0abcd1234efgh5678"], name: "payments-worker", human: false }, outcome: "AccessDenied", region: "eu-west-1" }],
    [3, { kind: "CREDENTIAL_CREATED", principal: { human: true, email: "alice@acme.test" }, subject: { externalIds: ["arn:aws:iam::111122223333:user/ci-deployer"], credentialId: "AKIAI44QH8DHBEXAMPLE" }, detail: { credentialId: "AKIAI44QH8DHBEXAMPLE" } }],
    [4, { kind: "PERMISSION_GRANTED", subject: { externalIds: ["arn:aws:iam::111122223333:role/etl-runner"], name: "etl-runner" }, detail: { permission: "arn:aws:iam::aws:policy/AdministratorAccess" }, principal: { email: "alice@acme.test" } }],
    [5, { kind: "PERMISSION_GRANTED", subject: { externalIds: ["arn:aws:iam::111122223333:user/backup-agent"] }, detail: { permission: "s3-backup-write" }, principal: { credentialId: "AKIAZZZZTERRAFORM001" } }],
    [6, { kind: "PERMISSION_REVOKED", subject: { name: "etl-runner" }, detail: { permission: "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess" } }],
    [7, { kind: "TOKEN_ISSUED", action: "sts:AssumeRole", principal: { name: "ci-deployer" }, subject: null, target: "arn:aws:iam::111122223333:role/deploy" }],
    [8, { kind: "INTERACTIVE_LOGIN", action: "signin:ConsoleLogin", principal: { name: "ci-deployer" }, userAgent: expect.stringContaining("Chrome/121") }],
    [9, { kind: "API_CALL", principal: null }],
    [10, { kind: "IDENTITY_CREATED", subject: { externalIds: ["arn:aws:iam::111122223333:role/ml-train"], kind: "WORKLOAD" } }],
    [14, { kind: "CREDENTIAL_DELETED", subject: { externalIds: ["arn:aws:iam::111122223333:user/backup-agent"], credentialId: "AKIAOLDBACKUPKEY0001" } }],
  ])("event %i maps to %o", (n, expected) => {
    expect(byKey(id(n))).toMatchObject(expected);
  });

  it("matches session keys (ASIA…) and console logins by ARN only, never as a credential", () => {
    expect(byKey(id(2)).principal?.credentialId).toBeUndefined();
    expect(byKey(id(8)).principal?.credentialId).toBeUndefined();
  });

  it("keeps the raw record and parses the time", () => {
    const e = byKey(id(1));
    expect(e.occurredAt.toISOString()).toBe("2026-03-01T10:15:02.000Z");
    expect(e.raw).toMatchObject({ eventName: "GetObject" });
  });

  it("reports malformed records by position and reason, without stopping", () => {
    const unknown = outcomes.filter((o) => o.outcome.status === "unknown").map((o) => [o.at, o.outcome.status === "unknown" ? o.outcome.reason : ""]);
    expect(unknown).toEqual([
      ["record 11", "missing or invalid eventTime"],
      ["record 12", "not a JSON object"],
      ["record 13", "missing userIdentity"],
    ]);
    expect(outcomes.filter((o) => o.outcome.status === "event")).toHaveLength(11);
  });
});

describe("cloudtrail normalizer (JSON lines)", () => {
  const lines = [...normalizeText(cloudtrail, fixture("cloudtrail.jsonl"))];
  it("reads one record per line, skips blank lines, names the broken line, and unwraps a Records line", () => {
    expect(lines.map((l) => [l.at, l.outcome.status === "event" ? l.outcome.event.dedupeKey : l.outcome.status])).toEqual([
      ["line 1", "cloudtrail:line-1"],
      ["line 3", "cloudtrail:line-3"],
      ["line 4", "unknown"],
      ["line 5 record 1", "cloudtrail:line-5"],
    ]);
  });
  it("hashes records that carry no eventID, so the same record always gets the same key", () => {
    const record = { eventTime: "2026-03-02T08:00:00Z", eventName: "ListBuckets", userIdentity: { type: "IAMUser", arn: "arn:aws:iam::1:user/a" } };
    const a = cloudtrail.normalize(record);
    const b = cloudtrail.normalize({ ...record });
    expect(a.status === "event" && b.status === "event" && a.event.dedupeKey === b.event.dedupeKey).toBe(true);
  });
});
