import { describe, expect, it } from "vitest";
import { boundedMemo } from "@/lib/events/bounded-memo";

describe("boundedMemo", () => {
  it("computes each key once, remembers null answers too, and forgets everything at its limit", () => {
    const calls: string[] = [];
    const upper = boundedMemo(2, (s: string) => {
      calls.push(s);
      return s === "none" ? null : s.toUpperCase();
    });
    expect([upper("a"), upper("a"), upper("none"), upper("none")]).toEqual(["A", "A", null, null]);
    expect(calls).toEqual(["a", "none"]);
    expect(upper("b")).toBe("B");
    expect(upper("a")).toBe("A");
    expect(calls).toEqual(["a", "none", "b", "a"]);
  });
});
