import { describe, expect, it } from "vitest";
import { exceptionsEndingMessage, type EndingExceptionView } from "@/lib/slack/blocks/exceptions-ending";
import { messageProblems } from "@/lib/slack/blocks/limits";
import { NOW, fakeId } from "@/lib/slack/blocks/fixtures";

const ending = (n: number, over: Partial<EndingExceptionView> = {}): EndingExceptionView => ({
  itemId: fakeId("itm", n),
  identityName: `batch-exporter-${n}`,
  until: new Date(NOW.getTime() + (7 - (n % 7)) * 86_400_000),
  justification: "Vendor migration ends in May",
  ...over,
});
const ctx = { baseUrl: "https://rollcall.example.com" };

describe("exceptionsEndingMessage", () => {
  it("names the identity, the end date, the reason and links the review", () => {
    const message = exceptionsEndingMessage([ending(1)], ctx);
    expect(messageProblems(message)).toEqual([]);
    expect(message.text).toBe(`The exception for batch-exporter-1 ends on ${ending(1).until.toISOString().slice(0, 10)}.`);
    const section = JSON.stringify(message.blocks[2]);
    expect(section).toContain(`<https://rollcall.example.com/reviews/${fakeId("itm", 1)}|batch-exporter-1>`);
    expect(section).toContain("Vendor migration ends in May");
    expect(message).toMatchSnapshot();
  });

  it.each([1, 10, 500])("stays within Slack's limits for %i exceptions (soonest first, the rest counted)", (count) => {
    const message = exceptionsEndingMessage(Array.from({ length: count }, (_, i) => ending(i + 1, { justification: "x".repeat(4000), identityName: `n<&>${"y".repeat(300)}` })), ctx);
    expect(messageProblems(message)).toEqual([]);
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    if (count > 20) expect(JSON.stringify(message.blocks.at(-1))).toContain(`and ${count - 20} more`);
  });
});
