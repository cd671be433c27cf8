// Fuzzing the inventory parsers with damaged copies of the real fixture files (byte flips,
// truncation, deleted/duplicated columns and fields, stray unicode, huge values, wrong types).
// Properties: a parser never throws; a refused file names a line for every problem; an accepted
// file yields only well-formed identities.
import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { formats } from "@/lib/inventory/formats/registry";
import type { FormatName } from "@/lib/inventory/schema";
import { applyAll, mutations } from "@/lib/inventory/formats/mutations";
import { CredentialKind, IdentityKind } from "@/prisma/generated/enums";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "fixtures", name), "utf8");
/** Runs per fixture: 930 damaged files in all (the larger JSON fixtures cost more per run). */
const RUNS: Partial<Record<string, number>> = { "rollcall.csv": 200, "rollcall-bom-crlf.csv": 100, "aws-authorization-details.json": 80, "k8s.json": 100 };

const date = z.date().refine((d) => !Number.isNaN(d.getTime()), "invalid date").nullable();
const text = z.string().min(1).refine((s) => s.trim() === s && s.length > 0, "untrimmed or blank");
/** What the sync expects of every identity a parser hands it. */
const normalizedIdentity = z.object({
  line: z.number().int().positive().nullable(),
  externalId: text,
  name: text,
  kind: z.enum(Object.values(IdentityKind) as [string, ...string[]]),
  status: z.enum(["ACTIVE", "DISABLED"]),
  environment: z.string().nullable(),
  purpose: z.string().nullable(),
  createdAtSource: date,
  createdBy: z.string().nullable(),
  lastUsedAt: date,
  tags: z.record(z.string(), z.string()),
  owner: z.object({ email: z.string().nullable(), team: z.string().nullable() }).nullable(),
  credentials: z.array(z.object({
    externalId: text,
    kind: z.enum(Object.values(CredentialKind) as [string, ...string[]]),
    status: z.enum(["ACTIVE", "INACTIVE", "EXPIRED"]),
    createdAt: date, lastRotatedAt: date, expiresAt: date, lastUsedAt: date,
  })),
  entitlements: z.array(z.object({ name: text, resource: z.string().min(1), privileged: z.boolean(), wildcard: z.boolean(), canMint: z.boolean(), grantedAt: date, grantedBy: z.string().nullable() })),
}).strict();

const cases: [FormatName, string][] = [
  ["rollcall-csv", "rollcall.csv"],
  ["rollcall-csv", "rollcall-bom-crlf.csv"],
  ["rollcall-json", "rollcall.json"],
  ["aws-credential-report", "aws-credential-report.csv"],
  ["aws-authorization-details", "aws-authorization-details.json"],
  ["k8s", "k8s.json"],
  ["github-pats", "github-pats.json"],
];

/** Checks one parse of damaged bytes; returns a description of what is wrong, or null. */
function checkParse(format: FormatName, bytes: Uint8Array): string | null {
  let result;
  try {
    result = formats[format].parse(bytes);
  } catch (error) {
    return `threw: ${error instanceof Error ? error.stack : String(error)}`;
  }
  if (!result.ok) {
    if (result.errors.length === 0) return "refused with no errors";
    const unplaced = result.errors.filter((e) => !(typeof e.line === "number" && e.line >= 1) && !e.reason.startsWith("…and "));
    if (unplaced.length) return `errors without a line: ${JSON.stringify(unplaced.slice(0, 3))}`;
    const blank = result.errors.filter((e) => !e.reason.trim());
    if (blank.length) return "an error without a reason";
    return null;
  }
  for (const identity of result.identities) {
    const checked = normalizedIdentity.safeParse(identity);
    if (!checked.success) return `malformed identity ${JSON.stringify(identity).slice(0, 300)}: ${checked.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`;
  }
  return null;
}

describe("inventory parsers under fuzzing", () => {
  it.each(cases)("%s (%s): never throws, every error has a line, accepted rows are well-formed", (format, name) => {
    const original = fixture(name);
    expect(checkParse(format, new TextEncoder().encode(original))).toBeNull();
    fc.assert(
      fc.property(mutations, (list) => {
        const problem = checkParse(format, new TextEncoder().encode(applyAll(original, list)));
        if (problem) throw new Error(`${list.map((m) => m.label).join(" → ")}: ${problem}`);
      }),
      { numRuns: RUNS[name] ?? 150 },
    );
  }, 120_000);
});
