import { describe, expect, it } from "vitest";
import { burndown, median, nextCampaignStatus, nextOccurrence, percent, staleSources } from "@/lib/campaigns/rules";

const DAY = 86_400_000;
const now = new Date("2026-11-23T12:00:00Z");

describe("campaign state machine", () => {
  it.each([
    ["DRAFT", "launch", "ACTIVE"],
    ["ACTIVE", "close", "CLOSED"],
    ["CLOSED", "launch", null],
    ["DRAFT", "close", null],
    ["ACTIVE", "launch", null],
    ["CLOSED", "close", null],
  ] as const)("%s --%s--> %s", (from, event, to) => {
    expect(nextCampaignStatus(from, event)).toBe(to);
  });
});

describe("campaign rules", () => {
  it("warns about sources never synced or synced more than 7 days ago", () => {
    const stale = staleSources([
      { id: "a", name: "fresh", lastSyncedAt: new Date(now.getTime() - DAY) },
      { id: "b", name: "old", lastSyncedAt: new Date(now.getTime() - 10 * DAY) },
      { id: "c", name: "never", lastSyncedAt: null },
    ], now);
    expect(stale.map((s) => s.warning)).toEqual(["old was last synced 10 days ago", "never has never been synced"]);
  });
  it("moves a quarterly campaign three months on", () => {
    const next = nextOccurrence("QUARTERLY", new Date("2026-10-01T00:00:00Z"), new Date("2026-10-15T00:00:00Z"))!;
    expect(next.startsAt.toISOString()).toBe("2027-01-01T00:00:00.000Z");
    expect(next.dueAt.toISOString()).toBe("2027-01-15T00:00:00.000Z");
    expect(nextOccurrence(null, now, now)).toBeNull();
  });
  it("computes percent, median and a daily burndown", () => {
    expect(percent(1, 3)).toBe(33);
    expect(percent(0, 0)).toBe(0);
    expect(median([5, 1, 9])).toBe(5);
    expect(median([1, 2, 3, 10])).toBe(3);
    expect(median([])).toBeNull();
    const start = new Date("2026-11-20T08:00:00Z");
    expect(burndown(4, [{ day: "2026-11-20", n: 1 }, { day: "2026-11-22", n: 2 }], start, now)).toEqual([
      { day: "2026-11-20", open: 3 },
      { day: "2026-11-21", open: 3 },
      { day: "2026-11-22", open: 1 },
      { day: "2026-11-23", open: 1 },
    ]);
  });
});
