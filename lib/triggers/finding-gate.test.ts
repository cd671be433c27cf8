import { describe, expect, it } from "vitest";
import { FindingGate, type RuleConfig } from "@/lib/triggers/finding-gate";
import type { FindingDraft } from "@/lib/triggers/types";

const rule = (over: Partial<RuleConfig> = {}): RuleConfig => ({ id: "trg_1", kind: "NEW_REGION", enabled: true, params: {}, cooldownHours: 24, ...over });
const draft = (hoursIn: number, identityId = "idn_1"): FindingDraft => ({ kind: "NEW_REGION", identityId, severity: "MEDIUM", sentence: "s", detail: {}, eventIds: [], actorEmail: null, at: new Date(Date.UTC(2026, 2, 1) + hoursIn * 3_600_000) });

describe("one finding per rule and identity per cooldown", () => {
  it.each([
    ["a second firing an hour later is swallowed", [0, 1], 1],
    ["a firing after the 24-hour cooldown is a new finding", [0, 25], 2],
    ["replayed history counts in event time, in either order", [25, 0, 1], 2],
  ])("%s", (_, hours, kept) => {
    const gate = new FindingGate(new Map([["NEW_REGION", rule()]]), new Set());
    for (const h of hours) gate.offer(draft(h));
    expect(gate.accepted).toHaveLength(kept);
  });

  it("keeps identities apart", () => {
    const gate = new FindingGate(new Map([["NEW_REGION", rule()]]), new Set());
    gate.offer(draft(0, "idn_1"));
    gate.offer(draft(0, "idn_2"));
    expect(gate.accepted).toHaveLength(2);
  });

  it("holds back pairs that fired before this run, and rules that are off (unless it is a dry run)", () => {
    const blocked = new FindingGate(new Map([["NEW_REGION", rule()]]), new Set(["NEW_REGION:idn_1"]));
    blocked.offer(draft(0));
    const off = new FindingGate(new Map([["NEW_REGION", rule({ enabled: false })]]), new Set());
    off.offer(draft(0));
    const dry = new FindingGate(new Map([["NEW_REGION", rule({ enabled: false })]]), new Set(), true);
    dry.offer(draft(0));
    expect([blocked.accepted.length, off.accepted.length, dry.accepted.length]).toEqual([0, 0, 1]);
  });
});
