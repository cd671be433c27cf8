import { describe, expect, it } from "vitest";
import { channelList, notifyChannels } from "@/lib/slack/notify-channels";

describe("notifyChannels", () => {
  it.each([
    // preference, linked to Slack, Slack on → email, slack
    ["BOTH", true, true, true, true],
    ["BOTH", false, true, true, true],
    ["SLACK", true, true, false, true],
    ["SLACK", false, true, true, true], // not linked yet: email as well, so nothing is lost
    ["EMAIL", true, true, true, false],
    ["EMAIL", false, true, true, false],
    ["SLACK", true, false, true, false], // Slack off on this server: email for everyone
    ["BOTH", true, false, true, false],
  ] as const)("%s, linked %s, Slack on %s → email %s, slack %s", (notifyVia, linked, slackOn, email, slack) => {
    const got = notifyChannels({ notifyVia, slackUserId: linked ? "U123" : null }, slackOn);
    expect(got).toEqual({ email, slack });
    expect(channelList(got).length).toBeGreaterThan(0);
  });
});
