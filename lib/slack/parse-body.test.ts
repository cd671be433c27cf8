import { describe, expect, it } from "vitest";
import { parseSlackBody } from "@/lib/slack/parse-body";

describe("parseSlackBody", () => {
  it("answers url_verification with its challenge", () => {
    const raw = JSON.stringify({ token: "Jhj5dZrVaK7ZwHHjRyZWjbDl", challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", type: "url_verification" });
    expect(parseSlackBody(raw, "application/json")).toEqual({ kind: "url_verification", challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" });
  });

  it("reads an event_callback JSON body", () => {
    const raw = JSON.stringify({ type: "event_callback", event: { type: "app_home_opened", user: "U1", tab: "home" } });
    expect(parseSlackBody(raw, "application/json; charset=utf-8")).toMatchObject({ kind: "dispatch", body: { type: "event_callback", event: { user: "U1" } } });
  });

  it("unwraps the payload field of an interactivity form", () => {
    const payload = { type: "block_actions", user: { id: "U1" }, actions: [{ action_id: "review.keep", value: "itm_x" }] };
    const raw = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    expect(parseSlackBody(raw, "application/x-www-form-urlencoded")).toEqual({ kind: "dispatch", body: payload });
  });

  it("reads a slash command form as flat fields", () => {
    const raw = "token=x&team_id=T1&user_id=U1&command=%2Frollcall&text=&trigger_id=1.2.3&response_url=https%3A%2F%2Fhooks.slack.com%2Fx";
    expect(parseSlackBody(raw, "application/x-www-form-urlencoded")).toEqual({
      kind: "dispatch",
      body: { token: "x", team_id: "T1", user_id: "U1", command: "/rollcall", text: "", trigger_id: "1.2.3", response_url: "https://hooks.slack.com/x" },
    });
  });

  it("recognises Slack's ssl_check", () => {
    expect(parseSlackBody("ssl_check=1&token=x", "application/x-www-form-urlencoded")).toEqual({ kind: "ssl_check" });
  });

  it.each([
    ["{not json", "application/json"],
    ["payload=%7Bbroken", "application/x-www-form-urlencoded"],
    ["[1,2]", "application/json"],
    ["hello", "text/plain"],
  ])("rejects a body it cannot read: %s (%s)", (raw, type) => {
    expect(parseSlackBody(raw, type)).toBeNull();
  });
});
