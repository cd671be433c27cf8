import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { githubAudit } from "@/lib/events/formats/github-audit";
import { normalizeText } from "@/lib/events/normalize-text";

const outcomes = [...normalizeText(githubAudit, readFileSync(path.join(import.meta.dirname, "fixtures", "github-audit.json"), "utf8"))];
const record = (n: number) => outcomes.find((o) => o.at === `record ${n}`)!.outcome;

describe("github-audit normalizer (org audit log API array)", () => {
  it.each([
    [1, { kind: "API_CALL", action: "git.clone", principal: { credentialId: "55501", externalIds: ["55501", "release-bot[bot]"], name: "release-bot[bot]", kind: "BOT", human: false }, sourceIp: "140.82.112.4", region: "US", context: "acme/payments-api", dedupeKey: "github-audit:Sq7Q3pB0kF8AAAAAAAAA01" }],
    [2, { kind: "API_CALL", principal: { credentialId: "7700123", kind: "TOKEN", human: false, name: "Fine-grained personal access token 7700123 of olivia" }, userAgent: "curl/8.4.0", region: "DE" }],
    [3, { kind: "CREDENTIAL_CREATED", principal: { externalIds: ["sam"], human: true }, subject: { credentialId: "7700999", name: "terraform-github", kind: "TOKEN" }, detail: { credentialId: "7700999" } }],
    [4, { kind: "IDENTITY_CREATED", subject: { externalIds: ["codecov"], kind: "OAUTH_APP" } }],
    [5, { kind: "CREDENTIAL_CREATED", subject: { credentialId: "SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8", kind: "DEPLOY_KEY", name: "deploy key ci-infra on acme/infra" } }],
    [6, { kind: "PERMISSION_GRANTED", subject: { externalIds: ["dependabot-helper[bot]"], human: false }, detail: { permission: "admin" } }],
  ])("record %i maps to %o", (n, expected) => {
    const o = record(n);
    expect(o.status).toBe("event");
    if (o.status === "event") expect(o.event).toMatchObject(expected);
  });

  it("reads @timestamp as epoch milliseconds", () => {
    const o = record(1);
    expect(o.status === "event" && o.event.occurredAt.toISOString()).toBe("2026-03-01T10:00:00.000Z");
  });

  it("reports records without a time, without an action, or that are not objects", () => {
    expect([record(7), record(8), record(9)]).toEqual([
      { status: "unknown", reason: "missing @timestamp" },
      { status: "unknown", reason: "missing action" },
      { status: "unknown", reason: "not a JSON object" },
    ]);
  });
});
