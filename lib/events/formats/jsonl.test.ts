import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { jsonl } from "@/lib/events/formats/jsonl";
import { normalizeText } from "@/lib/events/normalize-text";

const outcomes = [...normalizeText(jsonl, readFileSync(path.join(import.meta.dirname, "fixtures", "events.jsonl"), "utf8"))];
const line = (n: number) => outcomes.find((o) => o.at === `line ${n}`)!.outcome;

describe("jsonl normalizer (Rollcall's normalized events)", () => {
  it("maps every documented field", () => {
    const o = line(1);
    expect(o.status === "event" && o.event).toMatchObject({
      dedupeKey: "jsonl:evt-1", kind: "API_CALL", principal: { externalIds: ["svc:etl"], credentialId: "tok_123" }, action: "warehouse.query",
      target: "sales", sourceIp: "10.0.0.5", region: "eu-central", userAgent: "etl-runner/3.2", context: "prod", detail: { environment: "prod" },
    });
  });

  it("carries subject, permission and the person who acted, and honours time zone offsets", () => {
    const o = line(2);
    expect(o.status === "event" && o.event).toMatchObject({
      kind: "PERMISSION_GRANTED", subject: { externalIds: ["svc:etl"] }, detail: { permission: "warehouse-admin" }, principal: { human: true, email: "dana@acme.test" },
    });
    expect(o.status === "event" && o.event.occurredAt.toISOString()).toBe("2026-03-01T08:01:00.000Z");
    expect(o.status === "event" && o.event.dedupeKey).toMatch(/^jsonl:[0-9a-f]{40}$/);
  });

  it.each([
    [3, /^kind: /],
    [4, /^time: /],
    [5, /principal or credential is required/],
  ])("line %i is reported with the field at fault", (n, reason) => {
    const o = line(n);
    expect(o.status).toBe("unknown");
    if (o.status === "unknown") expect(o.reason).toMatch(reason);
  });
});
