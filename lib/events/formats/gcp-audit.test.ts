import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { gcpAudit } from "@/lib/events/formats/gcp-audit";
import { normalizeText } from "@/lib/events/normalize-text";

const outcomes = [...normalizeText(gcpAudit, readFileSync(path.join(import.meta.dirname, "fixtures", "gcp-audit.json"), "utf8"))];
const record = (n: number) => outcomes.find((o) => o.at === `record ${n}`)!.outcome;
const deployer = "deployer@acme-prod.iam.gserviceaccount.com";

describe("gcp-audit normalizer (LogEntry with AuditLog protoPayload)", () => {
  it.each([
    [1, { kind: "API_CALL", action: "compute.googleapis.com:v1.compute.instances.insert", principal: { externalIds: [deployer, `serviceAccount:${deployer}`], credentialId: "9f8e7d6c5b4a39281706", name: "deployer", human: false }, region: "europe-west1-b", sourceIp: "35.191.0.10", context: "acme-prod", outcome: "success" }],
    [2, { kind: "CREDENTIAL_CREATED", principal: { human: true, email: "priya@acme.test" }, subject: { externalIds: [deployer, `serviceAccount:${deployer}`], credentialId: "aa11bb22cc33dd44ee55" }, detail: { credentialId: "aa11bb22cc33dd44ee55" } }],
    [3, { kind: "PERMISSION_GRANTED", subject: { externalIds: [deployer, `serviceAccount:${deployer}`] }, detail: { permission: "roles/owner on projects/acme-prod" } }],
    [4, { kind: "TOKEN_ISSUED", principal: { name: "ci" }, subject: { name: "deployer" }, outcome: "7: PERMISSION_DENIED", context: "acme-staging" }],
  ])("record %i maps to %o", (n, expected) => {
    const o = record(n);
    expect(o.status).toBe("event");
    if (o.status === "event") expect(o.event).toMatchObject(expected);
  });

  it("keys events by insertId and timestamp", () => {
    const o = record(1);
    expect(o.status === "event" && o.event.dedupeKey).toBe("gcp-audit:1x2y3z4a5b6c@2026-03-01T08:00:00.123Z");
  });

  it("reports entries that are not audit logs or lack a time", () => {
    expect([record(5), record(6)]).toEqual([
      { status: "unknown", reason: "not an audit log entry (no protoPayload)" },
      { status: "unknown", reason: "missing timestamp" },
    ]);
  });
});
