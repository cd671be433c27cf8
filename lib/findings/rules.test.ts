import { describe, expect, it } from "vitest";
import { chooseReviewer, dueDaysFor, riskScore, worst } from "@/lib/findings/rules";

const base = { ownerId: "owner", ownerActive: true, teamLeadId: "lead", teamLeadActive: true, fallbackId: "fallback", changedBy: [] as string[] };

describe("who reviews a finding", () => {
  it.each([
    ["the owner, normally", {}, "owner", "owner"],
    ["the team lead when there is no owner", { ownerId: null }, "lead", "team lead"],
    ["the team lead when the owner has left", { ownerActive: false }, "lead", "team lead"],
    ["the fallback when there is neither", { ownerId: null, teamLeadId: null }, "fallback", "fallback"],
    ["the fallback when the owner made the change (separation of duties)", { changedBy: ["owner"] }, "fallback", "fallback (owner made the change)"],
    ["the team lead when the owner made the change and the fallback is the owner too", { changedBy: ["owner"], fallbackId: "owner" }, "lead", "team lead"],
    ["the fallback when the team lead made the change of an ownerless identity", { ownerId: null, changedBy: ["lead"] }, "fallback", "fallback"],
    ["nobody rather than the person who made the change", { ownerId: null, teamLeadId: null, fallbackId: "x", changedBy: ["x"] }, null, "nobody"],
  ])("%s", (_, over, reviewerId, why) => {
    expect(chooseReviewer({ ...base, ...over })).toEqual({ reviewerId, why });
  });
});

describe("due dates and risk", () => {
  it.each([["HIGH", 3], ["CRITICAL", 3], ["MEDIUM", 7], ["LOW", 14]] as const)("%s findings are due in %i days", (s, d) => expect(dueDaysFor(s)).toBe(d));
  it("takes the worst severity and caps risk at 100", () => {
    expect(worst(["LOW", "HIGH", "MEDIUM"])).toBe("HIGH");
    expect(riskScore(20, ["HIGH", "MEDIUM"])).toBe(65);
    expect(riskScore(90, ["HIGH"])).toBe(100);
  });
});
