// Fuzzing the event normalizers with damaged copies of the real log fixtures (byte flips,
// truncation, deleted/duplicated fields and records, stray unicode, huge values, wrong types).
// Properties: reading and normalizing never throws — not even inside a normalizer (the wrapper
// would contain it, but a throw there is a crash we want to see); every record that is not an event
// says where it is (record n / line n) and why; every event is well-formed.
import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { eventFormatSpecs } from "@/lib/events/formats/registry";
import type { EventFormat } from "@/lib/events/schema";
import type { NormalizeOutcome } from "@/lib/events/types";
import { applyAll, mutations } from "@/lib/inventory/formats/mutations";
import { EventKind, IdentityKind } from "@/prisma/generated/enums";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "fixtures", name), "utf8");

const principal = z.object({
  credentialId: z.string().min(1).optional(),
  externalIds: z.array(z.string().min(1)),
  name: z.string(),
  kind: z.enum(Object.values(IdentityKind) as [string, ...string[]]),
  human: z.boolean(),
  discoverable: z.boolean().optional(),
  email: z.string().optional(),
  credentialKind: z.string().optional(),
}).refine((p) => p.externalIds.length > 0 || Boolean(p.credentialId) || Boolean(p.email) || p.name.length > 0, "a principal nobody could match");
const nullableText = z.string().nullable();
/** What ingestion stores for every event (lib/events/types.ts NormalizedEvent). */
const normalizedEvent = z.object({
  dedupeKey: z.string().min(1).max(1000),
  occurredAt: z.date().refine((d) => !Number.isNaN(d.getTime()), "invalid date"),
  kind: z.enum(Object.values(EventKind) as [string, ...string[]]),
  principal: principal.nullable(),
  subject: principal.nullable(),
  action: z.string(),
  target: nullableText,
  sourceIp: nullableText,
  region: nullableText,
  userAgent: nullableText,
  outcome: nullableText,
  context: nullableText,
  detail: z.object({ permission: z.string().optional(), credentialId: z.string().optional(), environment: z.string().optional() }).strict(),
  raw: z.unknown(),
}).strict();

const AT = /^(record \d+|line \d+|line \d+ record \d+)$/;

function check(format: EventFormat, text: string): string | null {
  const spec = eventFormatSpecs[format];
  let records;
  try {
    records = [...spec.records(text)];
  } catch (error) {
    return `records() threw: ${error instanceof Error ? error.stack : String(error)}`;
  }
  for (const record of records) {
    if (!AT.test(record.at)) return `a record located as "${record.at}"`;
    if ("error" in record) {
      if (!record.error.trim()) return `${record.at}: an error without a reason`;
      continue;
    }
    let outcome: NormalizeOutcome;
    try {
      outcome = spec.normalize(record.value);
    } catch (error) {
      return `${record.at}: normalize threw on ${JSON.stringify(record.value)?.slice(0, 300)}: ${error instanceof Error ? error.stack : String(error)}`;
    }
    if (outcome.status !== "event") {
      if (!outcome.reason.trim()) return `${record.at}: ${outcome.status} without a reason`;
      continue;
    }
    const checked = normalizedEvent.safeParse(outcome.event);
    if (!checked.success) return `${record.at}: malformed event ${JSON.stringify({ ...outcome.event, raw: undefined }).slice(0, 400)}: ${checked.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`;
  }
  return null;
}

const cases: [EventFormat, string, number][] = [
  ["cloudtrail", "cloudtrail-records.json", 250],
  ["cloudtrail", "cloudtrail.jsonl", 250],
  ["k8s-audit", "k8s-audit.jsonl", 250],
  ["k8s-audit", "k8s-audit-eventlist.json", 250],
  ["github-audit", "github-audit.json", 250],
  ["okta", "okta.json", 250],
  ["gcp-audit", "gcp-audit.json", 250],
  ["jsonl", "events.jsonl", 300],
];

describe("event normalizers under fuzzing", () => {
  it.each(cases)("%s (%s): never throws, every non-event names its record and reason, events are well-formed", (format, name, runs) => {
    const original = fixture(name);
    expect(check(format, original)).toBeNull();
    fc.assert(
      fc.property(mutations, (list) => {
        const problem = check(format, applyAll(original, list));
        if (problem) throw new Error(`${list.map((m) => m.label).join(" → ")}: ${problem}`);
      }),
      { numRuns: runs },
    );
  }, 120_000);
});
