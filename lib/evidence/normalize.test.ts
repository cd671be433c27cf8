import { describe, expect, it } from "vitest";
import Papa from "papaparse";
import { findingRow } from "@/lib/evidence/normalize";
import { recordCounter } from "@/lib/evidence/csv-file";
import { explainDifference, type PopulationPair } from "@/lib/evidence/population";
import { winAnsi } from "@/lib/evidence/pdf-layout";

const NOW = "2026-11-23T12:00:00.000Z";

describe("evidence normalizers", () => {
  it.each([
    ["plain rows", [["a", "b"], ["c", "d"]], [1, 2, 3]],
    ["a quoted line feed, a doubled quote and a comma", [["x", 'say "hi",\nthen go'], ["y", ""]], [1, 3, 7, 64]],
    ["a quoted field split across chunks", [["z", "\n\n\"\"\n"], ["w", "v"]], [1, 2, 4, 5]],
  ])("counts CSV records outside quotes across chunk boundaries: %s", (_l, rows, cuts) => {
    const bytes = Buffer.from(`${Papa.unparse(rows, { newline: "\n" })}\n`);
    for (const size of cuts) {
      const counter = recordCounter();
      for (let i = 0; i < bytes.length; i += size) counter.scan(bytes.subarray(i, i + size));
      expect(counter.rows, `chunks of ${size}`).toBe(rows.length);
    }
  });

  it("tags findings with OWASP NHI risks from the catalog", () => {
    const row = findingRow({ id: "fnd_1", kind: "HUMAN_USE", severity: "HIGH", status: "OPEN", identityId: "idn_1", reviewItemId: "itm_1", sentence: "s", eventIds: ["evt_1", "evt_2"], detail: { a: 1 }, actorUserId: null, createdAt: NOW, resolvedAt: null });
    expect(row.at(-1)).toBe("NHI10:2025 Human Use of NHI");
    expect(row[7]).toBe("evt_1;evt_2");
  });

  it.each([
    ["census matches", { kind: "SCHEDULED", count: 5, snap: 5, seen: 7 }, true, /matches the launch census; 2 identities/],
    ["census differs", { kind: "SCHEDULED", count: 5, snap: 4, seen: 7 }, false, /differs from the launch census by -1/],
    ["no census", { kind: "SCHEDULED", count: undefined, snap: 4, seen: 7 }, false, /no launch census/],
    ["continuous", { kind: "CONTINUOUS", count: undefined, snap: 4, seen: 7 }, true, /continuous review/],
  ])("reconciliation: %s", (_l, p, explained, text) => {
    const pair = { campaign: { id: "cmp_1", kind: p.kind, launchedAt: null }, sourceId: "src_1", sourceName: "aws", sourceKind: "AWS", inSnapshot: p.snap, launch: p.count === undefined ? null : { id: "src_1", count: p.count }, population: null, sync: { seenCount: p.seen } } as unknown as PopulationPair;
    expect(explainDifference(pair).explained).toBe(explained);
    expect(explainDifference(pair).text).toMatch(text);
  });

  it("keeps PDF text encodable in the standard fonts", () => {
    expect(winAnsi("a → b ≤ c\nd – “e” 日本")).toBe("a -> b <= c d – “e” ??");
  });
});
