import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { okta } from "@/lib/events/formats/okta";
import { normalizeText } from "@/lib/events/normalize-text";

const outcomes = [...normalizeText(okta, readFileSync(path.join(import.meta.dirname, "fixtures", "okta.json"), "utf8"))];
const record = (n: number) => outcomes.find((o) => o.at === `record ${n}`)!.outcome;

describe("okta normalizer (System Log array)", () => {
  it.each([
    [1, { kind: "TOKEN_ISSUED", action: "app.oauth2.as.token.grant.access_token", principal: { externalIds: ["0oa1b2c3d4EXAMPLE"], name: "billing-sync", kind: "OAUTH_APP", human: false }, sourceIp: "34.120.10.5", region: "United States", userAgent: "python-requests/2.31.0", outcome: "success", dedupeKey: "okta:dc9fd3c0-598c-11ef-8478-2b7584bf8d5a" }],
    [2, { kind: "CREDENTIAL_CREATED", principal: { human: true, email: "marco@acme.test" }, subject: { credentialId: "00T1tokenEXAMPLE", externalIds: ["00T1tokenEXAMPLE"], name: "scim-provisioner", kind: "TOKEN" }, detail: { credentialId: "00T1tokenEXAMPLE" } }],
    [3, { kind: "PERMISSION_GRANTED", subject: { externalIds: ["0oa1b2c3d4EXAMPLE"], kind: "OAUTH_APP" }, detail: { permission: "Super Administrator" } }],
    [4, { kind: "INTERACTIVE_LOGIN", principal: { externalIds: ["00u1svcEXAMPLE", "svc-reports@acme.test"], human: true }, outcome: "FAILURE: INVALID_CREDENTIALS", region: "France" }],
    [5, { kind: "API_CALL", principal: null }],
  ])("record %i maps to %o", (n, expected) => {
    const o = record(n);
    expect(o.status).toBe("event");
    if (o.status === "event") expect(o.event).toMatchObject(expected);
  });

  it("reports records without a time or an event type", () => {
    expect([record(6), record(7)]).toEqual([
      { status: "unknown", reason: "missing published" },
      { status: "unknown", reason: "missing eventType" },
    ]);
  });
});
