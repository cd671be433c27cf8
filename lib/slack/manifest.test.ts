import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { COMMAND, SHORTCUT } from "@/lib/slack/listeners/home-and-command";

const manifest = readFileSync(path.resolve(import.meta.dirname, "../../slack/manifest.yml"), "utf8");

describe("slack/manifest.yml", () => {
  it("asks for exactly the scopes Rollcall uses", () => {
    const scopes = manifest.split("bot:\n")[1]!.split("settings:")[0]!.match(/- ([a-z.:]+)/g)!.map((s) => s.slice(2));
    expect(scopes.sort()).toEqual(["chat:write", "commands", "im:write", "users:read", "users:read.email"]);
  });

  it("points events, interactivity and the slash command at the one Request URL", () => {
    expect(manifest.match(/https:\/\/rollcall\.example\.com\/api\/slack\/events/g)).toHaveLength(3);
    expect(manifest).toContain(`command: ${COMMAND}`);
    expect(manifest).toContain(`callback_id: ${SHORTCUT}`);
    expect(manifest).toMatch(/bot_events:\n\s+- app_home_opened/);
    expect(manifest).toMatch(/home_tab_enabled: true/);
  });
});
