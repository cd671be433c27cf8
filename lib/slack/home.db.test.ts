import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { SIGNING_SECRET, ownerWorld, pendingItems, postToSlack as post, slackStandInForFile } from "@/lib/slack/test-setup";
import { appHomeOpened, commandRequest, eventRequest, globalShortcut, interactive, slashCommand, TEAM, APP_ID } from "@/e2e/slack-payloads";

const standIn = await slackStandInForFile();

/** Digest jobs waiting in pg-boss for this person (the slow work the listeners hand off). */
async function queuedDigests(userId: string): Promise<number> {
  const rows = await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM pgboss.job WHERE name = 'slack.send-digest' AND data->>'userId' = ${userId}`;
  return Number(rows[0]!.n);
}

describe("App Home, /rollcall and the shortcut", () => {
  it("publishes App Home with the owner's pending reviews and counts on app_home_opened", async () => {
    const w = await ownerWorld(standIn);
    await db.user.update({ where: { id: w.owner.id }, data: { slackUserId: w.slackId } });
    const items = await pendingItems(w, w.owner.id, 3);
    const res = await post(eventRequest(SIGNING_SECRET, appHomeOpened({ user: { id: w.slackId } })));
    expect(res.status).toBe(200);
    const publish = await standIn.waitForCall("views.publish", (c) => c.args.user_id === w.slackId);
    const view = publish.args.view as { type: string; blocks: unknown[] };
    expect(view.type).toBe("home");
    const shown = JSON.stringify(view.blocks);
    expect(shown).toContain("*3 pending*");
    for (const item of items) expect(shown).toContain(`https://rollcall.test/reviews/${item.id}`);
    expect(standIn.callsTo("users.info")).toHaveLength(0); // the cached link is used
  });

  it("shows a stranger's App Home a polite explanation", async () => {
    standIn.addUser({ id: "U0STRANGER2", email: "stranger2@elsewhere.test", name: "Stranger" });
    await post(eventRequest(SIGNING_SECRET, appHomeOpened({ user: { id: "U0STRANGER2" } })));
    const publish = await standIn.waitForCall("views.publish", (c) => c.args.user_id === "U0STRANGER2");
    expect(JSON.stringify(publish.args.view)).toContain("couldn't find a Rollcall account with your Slack email");
  });

  it("/rollcall answers with the caller's pending reviews, ephemerally, in the response itself", async () => {
    const w = await ownerWorld(standIn);
    const items = await pendingItems(w, w.owner.id, 12);
    const res = await post(commandRequest(SIGNING_SECRET, slashCommand({ user: { id: w.slackId }, triggerId: standIn.triggerId() })));
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ response_type: "ephemeral", text: "You have 12 pending access reviews." });
    const shown = JSON.stringify(res.json!.blocks);
    expect(shown).toContain(items[0]!.id);
    expect(shown).toContain("Showing the 10 most urgent of 12.");
    // The first command linked the Slack account (users.info → verified email).
    expect((await db.user.findUniqueOrThrow({ where: { id: w.owner.id } })).slackUserId).toBe(w.slackId);
  });

  it("/rollcall digest and the global shortcut queue a DM digest job; /rollcall help lists the words", async () => {
    const w = await ownerWorld(standIn);
    await pendingItems(w, w.owner.id, 2);
    const digest = await post(commandRequest(SIGNING_SECRET, slashCommand({ user: { id: w.slackId }, text: "digest", triggerId: standIn.triggerId() })));
    expect(digest.json).toMatchObject({ response_type: "ephemeral", text: expect.stringContaining("On its way") });
    expect(await queuedDigests(w.owner.id)).toBe(1);
    await post(interactive(SIGNING_SECRET, globalShortcut({ user: { id: w.slackId }, callbackId: "rollcall.send_digest", triggerId: standIn.triggerId() })));
    expect(await queuedDigests(w.owner.id)).toBe(2);
    expect(standIn.callsTo("chat.postMessage").map((c) => c.args.channel)).toEqual([w.slackId]);
    const help = await post(commandRequest(SIGNING_SECRET, slashCommand({ user: { id: w.slackId }, text: "help", triggerId: standIn.triggerId() })));
    expect(String(help.json!.text)).toContain("*/rollcall digest*");
  });

  it("/rollcall from a stranger is refused politely", async () => {
    standIn.addUser({ id: "U0STRANGER3", email: "stranger3@elsewhere.test", name: "Stranger" });
    const res = await post(commandRequest(SIGNING_SECRET, slashCommand({ user: { id: "U0STRANGER3" }, triggerId: standIn.triggerId() })));
    expect(res.json).toMatchObject({ response_type: "ephemeral", text: expect.stringMatching(/^Sorry, I couldn't find a Rollcall account/) });
  });

  it("App Home's preference menu changes how the person is notified, audited, and re-publishes the tab", async () => {
    const w = await ownerWorld(standIn);
    const select = (value: string) => ({
      type: "block_actions",
      user: { id: w.slackId, username: "ana", name: "ana", team_id: TEAM.id },
      api_app_id: APP_ID,
      token: "verification-token-unused",
      container: { type: "view", view_id: "V0HOME" },
      trigger_id: standIn.triggerId(),
      team: TEAM,
      enterprise: null,
      is_enterprise_install: false,
      view: { id: "V0HOME", type: "home", blocks: [], state: { values: {} }, hash: "1.a", callback_id: "", private_metadata: "", team_id: TEAM.id, app_id: APP_ID, bot_id: "B0ROLLCALL", root_view_id: "V0HOME", previous_view_id: null, clear_on_close: false, notify_on_close: false, external_id: "", app_installed_team_id: TEAM.id },
      actions: [{ type: "static_select", action_id: "home.notify_via", block_id: "prefs", selected_option: { text: { type: "plain_text", text: "Email only", emoji: true }, value }, action_ts: "1700000000.000001" }],
    });
    await post(interactive(SIGNING_SECRET, select("EMAIL")));
    expect((await db.user.findUniqueOrThrow({ where: { id: w.owner.id } })).notifyVia).toBe("EMAIL");
    const audit = await db.auditEvent.findFirstOrThrow({ where: { workspaceId: w.ws.id, action: "user.notify-preference-changed" } });
    expect(audit.data).toEqual({ notifyVia: "EMAIL" });
    const publish = await standIn.waitForCall("views.publish", (c) => c.args.user_id === w.slackId);
    expect(JSON.stringify(publish.args.view)).toContain('"initial_option":{"text":{"type":"plain_text","text":"Email only","emoji":true},"value":"EMAIL"}');
    await post(interactive(SIGNING_SECRET, select("NOT_A_CHOICE")));
    expect((await db.user.findUniqueOrThrow({ where: { id: w.owner.id } })).notifyVia).toBe("EMAIL");
  });
});
