import { describe, expect, it } from "vitest";
import { afterBurst, noteSlackRequest } from "@/lib/slack/ack-first";

describe("acks first", () => {
  it("holds deciding back while Slack requests keep arriving, then lets it go", async () => {
    const started = Date.now();
    noteSlackRequest();
    const burst = setInterval(() => noteSlackRequest(), 10);
    setTimeout(() => clearInterval(burst), 150);
    await afterBurst();
    // Released only after the last request of the burst was ~30 ms in the past.
    expect(Date.now() - started).toBeGreaterThanOrEqual(170);
  });

  it("does not wait when no request came in lately", async () => {
    noteSlackRequest(Date.now() - 1_000);
    const first = await Promise.race([afterBurst().then(() => "decide"), new Promise((r) => setTimeout(() => r("still waiting"), 500))]);
    expect(first).toBe("decide");
  });
});
