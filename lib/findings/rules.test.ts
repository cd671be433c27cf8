import { describe, expect, it } from "vitest";
import { reviewExclusions } from "@/lib/findings/rules";
import { resolveReviewer } from "@/lib/reviews/reviewer-rules";

type Case = { ownerId: string | null; teamLeadId: string | null; fallbackId: string | null; changedBy: string[] };
const base: Case = { ownerId: "owner", teamLeadId: "lead", fallbackId: "fallback", changedBy: [] };
const person = (id: string | null) => (id ? { id, status: "ACTIVE" as const } : null);

/** The reviewer lib/reviews resolves when given the exclusions for these people. */
const reviewerOf = (c: Case) => resolveReviewer({ owner: person(c.ownerId), teamLead: person(c.teamLeadId), fallback: person(c.fallbackId), excludedUserIds: reviewExclusions(c) }).reviewerId;

describe("who reviews a finding", () => {
  it.each([
    ["the owner, normally", {}, "owner"],
    ["the team lead when there is no owner", { ownerId: null }, "lead"],
    ["the fallback when there is neither", { ownerId: null, teamLeadId: null }, "fallback"],
    ["the fallback, not the team lead, when the owner made the change (separation of duties)", { changedBy: ["owner"] }, "fallback"],
    ["the team lead when the owner made the change and there is no fallback", { changedBy: ["owner"], fallbackId: null }, "lead"],
    ["the team lead when the owner made the change and the fallback is the owner too", { changedBy: ["owner"], fallbackId: "owner" }, "lead"],
    ["the owner when someone else made the change", { changedBy: ["someone"] }, "owner"],
    ["the fallback when the team lead made the change of an ownerless identity", { ownerId: null, changedBy: ["lead"] }, "fallback"],
    ["nobody rather than the person who made the change", { ownerId: null, teamLeadId: null, fallbackId: "x", changedBy: ["x"] }, null],
  ])("%s", (_, over, reviewerId) => {
    expect(reviewerOf({ ...base, ...over })).toBe(reviewerId);
  });
});
