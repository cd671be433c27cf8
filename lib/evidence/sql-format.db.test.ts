import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PackReader } from "@/lib/evidence/reader";
import { exceptionStatusSql, iso, slaMetSql } from "@/lib/evidence/streams";

// The pack's large CSV files are formatted by PostgreSQL (COPY … TO STDOUT): these are the rules that
// used to be pure JavaScript mappers, table-driven against the real database.

const NOW = "2026-11-23T12:00:00.000Z";
let reader: PackReader;

async function copied(sql: string, params: unknown[]): Promise<string[][]> {
  const chunks: Buffer[] = [];
  for await (const chunk of reader.copyCsv(sql, params)) chunks.push(chunk);
  return parse(Buffer.concat(chunks)) as string[][];
}

beforeAll(async () => {
  reader = await PackReader.open();
});
afterAll(async () => {
  await reader.close();
});

describe("SQL-formatted evidence cells", () => {
  it.each([
    ["verified before the due date", "VERIFIED", "2026-11-20T00:00:00.000Z", "2026-11-21T00:00:00.000Z", "yes"],
    ["verified after the due date", "VERIFIED", "2026-11-22T00:00:00.000Z", "2026-11-21T00:00:00.000Z", "no"],
    ["executed, not verified, past due", "EXECUTED", null, "2026-11-21T00:00:00.000Z", "no"],
    ["open, still inside the SLA", "OPEN", null, "2026-11-30T00:00:00.000Z", "pending"],
  ])("SLA: %s → %s", async (_l, status, verifiedAt, dueAt, expected) => {
    const rows = await copied(
      `SELECT ${slaMetSql("t", "$1")} FROM (SELECT $2::text AS status, ($3::timestamptz AT TIME ZONE 'UTC') AS "verifiedAt", ($4::timestamptz AT TIME ZONE 'UTC') AS "dueAt") t`,
      [NOW, status, verifiedAt, dueAt]);
    expect(rows).toEqual([[expected]]);
  });

  it.each([
    ["2026-12-01T00:00:00.000Z", false, "active"],
    ["2026-11-01T00:00:00.000Z", true, "expired, re-review opened"],
    ["2026-11-01T00:00:00.000Z", false, "expired, not re-reviewed"],
    [null, false, "no expiry recorded"],
  ])("exception until %s (re-reviewed: %s) is %s at pack time", async (until, reReviewed, expected) => {
    const rows = await copied(`SELECT ${exceptionStatusSql("($1::timestamptz AT TIME ZONE 'UTC')", "$2::boolean", "$3")}`, [until, String(reReviewed), NOW]);
    expect(rows).toEqual([[expected]]);
  });

  it("writes instants like Date.toISOString, and inlines parameters safely (quotes, backslashes, line feeds)", async () => {
    const nasty = `O'Brien said "hi", \\ then'); DROP TABLE "Workspace"; --\nnext line`;
    const rows = await copied(`SELECT ${iso("($1::timestamptz AT TIME ZONE 'UTC')")}, $2::text, $3::int + 1, ($4::text IS NULL)::text`, ["2026-01-02T03:04:05.067Z", nasty, 41, null]);
    expect(rows).toEqual([["2026-01-02T03:04:05.067Z", nasty, "42", "true"]]);
    await expect(copied("SELECT $2::text", ["only one"])).rejects.toThrow(/no value for \$2/);
  });
});
