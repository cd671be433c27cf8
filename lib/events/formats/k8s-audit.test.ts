import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { k8sAudit } from "@/lib/events/formats/k8s-audit";
import { normalizeText } from "@/lib/events/normalize-text";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "fixtures", name), "utf8");

describe("k8s-audit normalizer (Event lines)", () => {
  const outcomes = [...normalizeText(k8sAudit, fixture("k8s-audit.jsonl"))];
  const at = (line: number) => outcomes.find((o) => o.at === `line ${line}`)!.outcome;

  it.each([
    [2, { kind: "API_CALL", action: "list pods", principal: { externalIds: ["system:serviceaccount:payments-prod:ledger-sync"], name: "ledger-sync", human: false }, sourceIp: "10.2.0.15", outcome: "success", context: "payments-prod", dedupeKey: "k8s-audit:a1b2c3d4-0000-0000-0000-000000000001" }],
    [3, { kind: "TOKEN_ISSUED", action: "create serviceaccounts/token", subject: { externalIds: ["system:serviceaccount:payments-prod:ledger-sync"] }, principal: { name: "system:node:ip-10-2-0-7.ec2.internal", human: false, discoverable: false } }],
    [4, { kind: "PERMISSION_GRANTED", principal: { human: true, email: "dana@acme.test" }, subject: { externalIds: ["system:serviceaccount:payments-prod:ledger-sync"] }, detail: { permission: "ClusterRole/cluster-admin" }, userAgent: expect.stringMatching(/^kubectl\//) }],
    [5, { kind: "IDENTITY_CREATED", subject: { externalIds: ["system:serviceaccount:ml:trainer"], name: "trainer" } }],
    [6, { kind: "PERMISSION_REVOKED", outcome: "403", detail: { permission: "rolebindings/trainer-edit" } }],
  ])("line %i maps to %o", (line, expected) => {
    const o = at(line);
    expect(o.status).toBe("event");
    if (o.status === "event") expect(o.event).toMatchObject(expected);
  });

  it("ingests only the final stage of a request, so one request is one event", () => {
    expect(at(1)).toEqual({ status: "skipped", reason: "stage RequestReceived" });
  });

  it("reports lines that are not JSON, not audit Events, or lack a verb", () => {
    expect([at(7).status, at(8), at(9)]).toEqual([
      "unknown",
      { status: "unknown", reason: "not an audit.k8s.io Event" },
      { status: "unknown", reason: "missing verb" },
    ]);
  });
});

describe("k8s-audit normalizer (EventList)", () => {
  it("unwraps items and keeps only final stages", () => {
    const outcomes = [...normalizeText(k8sAudit, fixture("k8s-audit-eventlist.json"))];
    expect(outcomes.map((o) => o.outcome.status)).toEqual(["event", "skipped"]);
    const first = outcomes[0]!.outcome;
    expect(first.status === "event" && first.event).toMatchObject({ action: "get secrets", target: "search-staging/db", principal: { name: "indexer" }, context: "search-staging" });
  });
});
