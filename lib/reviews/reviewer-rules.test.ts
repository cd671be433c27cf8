import { describe, expect, it } from "vitest";
import { escalationTarget, resolveReviewer, type Candidate } from "@/lib/reviews/reviewer-rules";

const active = (id: string): Candidate => ({ id, status: "ACTIVE" });
const departed = (id: string): Candidate => ({ id, status: "DEPARTED" });

describe("resolveReviewer", () => {
  it.each([
    ["owner", { owner: active("o"), teamLead: active("l"), fallback: active("f") }, "o", "OWNER"],
    ["orphan → lead", { owner: null, teamLead: active("l"), fallback: active("f") }, "l", "TEAM_LEAD"],
    ["departed owner → lead", { owner: departed("o"), teamLead: active("l"), fallback: active("f") }, "l", "TEAM_LEAD"],
    ["departed owner and lead → fallback", { owner: departed("o"), teamLead: departed("l"), fallback: active("f") }, "f", "FALLBACK"],
    ["own change → lead", { owner: active("o"), teamLead: active("l"), fallback: active("f"), excludedUserIds: ["o"] }, "l", "TEAM_LEAD"],
    ["owner is lead and made the change → fallback", { owner: active("o"), teamLead: active("o"), fallback: active("f"), excludedUserIds: ["o"] }, "f", "FALLBACK"],
    ["nobody left", { owner: null, teamLead: null, fallback: null }, null, "NONE"],
  ] as const)("%s", (_name, input, reviewerId, route) => {
    const result = resolveReviewer(input);
    expect(result.reviewerId).toBe(reviewerId);
    expect(result.route).toBe(route);
  });
  it("explains who was skipped and why", () => {
    expect(resolveReviewer({ owner: departed("o"), teamLead: active("l"), fallback: active("f"), excludedUserIds: ["l"] }).skipped).toEqual([
      { route: "OWNER", why: "departed" },
      { route: "TEAM_LEAD", why: "own change" },
    ]);
  });
});

describe("escalationTarget", () => {
  it("prefers the reviewer's manager, then the team lead, never the reviewer or the change's actor", () => {
    expect(escalationTarget({ reviewerId: "o", reviewerManager: active("m"), teamLead: active("l"), fallback: active("f") })).toBe("m");
    expect(escalationTarget({ reviewerId: "o", reviewerManager: departed("m"), teamLead: active("l"), fallback: active("f") })).toBe("l");
    expect(escalationTarget({ reviewerId: "l", reviewerManager: null, teamLead: active("l"), fallback: active("f") })).toBe("f");
    expect(escalationTarget({ reviewerId: "o", reviewerManager: active("m"), teamLead: active("l"), fallback: active("f"), excludedUserIds: ["m"] })).toBe("l");
    expect(escalationTarget({ reviewerId: "f", reviewerManager: null, teamLead: null, fallback: active("f") })).toBeNull();
  });
});
